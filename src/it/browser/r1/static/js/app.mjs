import { greeting } from "./greeting.mjs";

document.body.dataset.greeting = greeting;
document.body.dataset.js = "r1";
// The lazy chunk's URL is relative to this module's, so it carries the token this module was served under.
window.loadLazy = () => import("./lazy.mjs").then((lazy) => lazy.release);
