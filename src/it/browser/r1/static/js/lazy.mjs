// A chunk loaded on demand by import(), possibly long after the page was rendered (and after a redeploy).
document.body.dataset.lazy = "r1";
export const release = "r1";
