<%@ page contentType="text/html;charset=UTF-8" %><!DOCTYPE html>
<html>
<head>
  <title>Shop</title>
  <link rel="stylesheet" href="${cachebreaker.url('css/app.css')}" integrity="${cachebreaker.integrity('css/app.css')}">
  <script defer src="${cachebreaker.url('js/app.js')}" integrity="${cachebreaker.integrity('js/app.js')}"></script>
</head>
<body>
  <p>Release ${cachebreaker.token()}</p>
</body>
</html>
