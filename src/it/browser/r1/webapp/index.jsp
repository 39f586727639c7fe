<%@ page contentType="text/html;charset=UTF-8" %><!DOCTYPE html>
<html data-release="r1">
<head>
  <meta charset="utf-8">
  <title>Release r1</title>
  <%-- No favicon request: its 404 would be a console error that has nothing to do with the assets. --%>
  <link rel="icon" href="data:,">
  <%-- Records the first failed subresource or script error, so a test sees a broken load at once instead of waiting
       for a marker that will never come. Capture phase: load errors of link and script elements do not bubble. --%>
  <script>
    addEventListener("error", (e) => {
      const what = e.target === window ? "script error: " + e.message : "load failed: " + (e.target.src || e.target.href);
      document.documentElement.dataset.failed ||= what;
    }, true);
    addEventListener("unhandledrejection", (e) => {
      document.documentElement.dataset.failed ||= "unhandled rejection: " + e.reason;
    });
  </script>
  <link rel="stylesheet" href="${cachebreaker.url('css/app.css')}" integrity="${cachebreaker.integrity('css/app.css')}" crossorigin="anonymous">
  <script type="module" src="${cachebreaker.url('js/app.mjs')}" integrity="${cachebreaker.integrity('js/app.mjs')}"></script>
</head>
<body>
  <h1>Release r1</h1>
  <p>Token ${cachebreaker.token()}</p>
</body>
</html>
