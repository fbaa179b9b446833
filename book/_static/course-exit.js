// Quick exit (the GOV.UK Design System's "Exit this page" is the model): the "Leave this page"
// button, or Shift pressed three times within five seconds, hides the page at once, clears what
// the book keeps in this browser's storage (theme choice, last search words, menu scroll) and replaces the current history
// entry with a neutral website, so Back does not return here. Nothing is requested from that
// site before the reader leaves. The care page (book/care.md) explains what this cannot do.
"use strict";
(function () {
  var PRESSES = 3, WINDOW_MS = 5000;
  var presses = 0, timer = null, otherKeyDown = false, status = null;

  var exitLink = function () { return document.querySelector("a[data-course-exit]"); };

  var leave = function (url) {
    document.documentElement.classList.add("course-leaving");
    try { window.localStorage.clear(); } catch (error) { /* storage blocked: nothing kept */ }
    try { window.sessionStorage.clear(); } catch (error) { /* as above */ }
    window.location.replace(url);
  };

  // A polite live region tells screen-reader users how many presses are left.
  var announce = function (text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "course-exit-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
  };

  var reset = function () {
    presses = 0;
    clearTimeout(timer);
    timer = null;
  };

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-course-exit]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    leave(link.href);
  });

  // Only Shift pressed on its own counts: any other key in between starts the count again.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") { if (!event.repeat) otherKeyDown = false; return; }
    otherKeyDown = true;
    if (presses) reset();
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (otherKeyDown) return;
    presses += 1;
    clearTimeout(timer);
    var link = exitLink();
    if (presses >= PRESSES && link) {
      reset();
      leave(link.href);
      return;
    }
    announce("Shift, press " + (PRESSES - presses) + " more time" + (PRESSES - presses === 1 ? "" : "s") +
             " to leave this page.");
    timer = setTimeout(function () { reset(); announce("Leave this page: timed out."); }, WINDOW_MS);
  }, true);

  // A page brought back from the back-forward cache (possible without the script's replace)
  // shows its content again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.documentElement.classList.remove("course-leaving");
  });
})();
