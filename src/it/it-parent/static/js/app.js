document.querySelectorAll('a').forEach(a => a.classList.add('ready'));
document.querySelectorAll('a').forEach(a => a.classList.add('ready'));
document.querySelectorAll('a').forEach(a => a.classList.add('ready'));
document.querySelectorAll('a').forEach(a => a.classList.add('ready'));
document.querySelectorAll('a').forEach(a => a.classList.add('ready'));
document.querySelectorAll('a').forEach(a => a.classList.add('ready'));
