// The page loads this module from /static/<token>/js/app.mjs. Its import below is relative, so the browser asks for
// /static/<token>/js/greeting.mjs: every module of a deploy shares one token without any build-time rewriting.
import { greeting } from "./greeting.mjs";

const status = document.getElementById("status");
if (status) {
  status.textContent = greeting(document.documentElement.dataset.token);
}
