// The judging page's keys and video sync. Served by `checklist bakeoff serve`; no inline
// script, no external request. The keys come from the page (data-keys, rendered from
// checklist/bakeoff/keys.py), so the page and the TUI share one table.
"use strict";

(() => {
  // The token came in the address; the cookie carries it now. Drop it from the address bar.
  if (new URLSearchParams(location.search).has("token")) {
    history.replaceState(null, "", location.pathname);
  }

  const keyed = new Map();
  for (const element of document.querySelectorAll("[data-keys]")) {
    for (const key of element.dataset.keys.split(" ")) keyed.set(key, element);
  }
  const note = document.getElementById("note");
  let sent = false;

  function press(element) {
    if (element instanceof HTMLInputElement && element.type === "checkbox") {
      element.checked = !element.checked;
      return;
    }
    if (sent) return; // one vote per page: a held-down key must not vote twice
    sent = true;
    element.form.requestSubmit(element);
  }

  function typing(target) {
    return target instanceof HTMLTextAreaElement ||
      (target instanceof HTMLInputElement && !["checkbox", "radio", "button"].includes(target.type));
  }

  const player = setUpVideos();
  setUpAudio();

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    if (typing(target)) {
      if (event.key === "Escape") target.blur();
      // the seek bar keeps its arrows; letters still judge there
      if (!(target instanceof HTMLInputElement && target.type === "range" &&
            event.key.length === 1)) return;
    }
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === "n" && note) {
      event.preventDefault();
      note.focus();
      return;
    }
    if (player && key === " " && !(target instanceof HTMLButtonElement)) {
      event.preventDefault();
      player.toggle();
      return;
    }
    if (player && key === "m") {
      event.preventDefault();
      player.cycleSound();
      return;
    }
    const element = keyed.get(key);
    if (element) {
      event.preventDefault();
      press(element);
    }
  });

  for (const form of document.querySelectorAll("form")) {
    form.addEventListener("submit", () => { sent = true; });
  }

  // Both videos on one clock: the longest one leads; the other follows its time (modulo
  // its own length, so a shorter clip loops inside the longer one). One play/pause button
  // and one seek bar drive both; a manual seek moves both.
  function setUpVideos() {
    const videos = [...document.querySelectorAll("video.synced")];
    if (videos.length === 0) return null;
    const play = document.getElementById("play");
    const seek = document.getElementById("seek");
    const clock = document.getElementById("clock");
    const sound = document.getElementById("sound");
    const soundStates = ["off", "A", "B"];
    let soundState = 0;
    const sides = videos.map((video) => video.closest(".side")?.id === "side-b" ? "B" : "A");

    const lead = () => videos.reduce((a, b) => ((b.duration || 0) > (a.duration || 0) ? b : a));
    const length = () => lead().duration || 0;
    const at = (video, time) => (video.duration ? time % video.duration : time);

    function playAll() {
      const time = lead().currentTime;
      for (const video of videos) {
        video.currentTime = at(video, time);
        video.play().catch(() => {});
      }
    }
    function pauseAll() {
      for (const video of videos) video.pause();
    }
    function toggle() {
      if (lead().paused) playAll(); else pauseAll();
    }
    function seekAll(time) {
      for (const video of videos) video.currentTime = at(video, time);
    }
    function follow() {
      const leader = lead();
      const time = leader.currentTime;
      for (const video of videos) {
        if (video === leader || !video.duration) continue;
        if (Math.abs(video.currentTime - at(video, time)) > 0.2) video.currentTime = at(video, time);
        if (video.paused !== leader.paused) {
          if (leader.paused) video.pause(); else video.play().catch(() => {});
        }
      }
      if (length() > 0 && document.activeElement !== seek) {
        seek.value = String(Math.round((time / length()) * 1000));
      }
      clock.textContent = `${time.toFixed(1)} s`;
      play.firstChild.textContent = leader.paused ? "Play both " : "Pause both ";
    }
    function cycleSound() {
      soundState = (soundState + 1) % soundStates.length;
      videos.forEach((video, i) => { video.muted = soundStates[soundState] !== sides[i]; });
      sound.firstChild.textContent = `Sound: ${soundStates[soundState]} `;
    }

    play.addEventListener("click", toggle);
    sound.addEventListener("click", cycleSound);
    seek.addEventListener("input", () => seekAll((Number(seek.value) / 1000) * length()));
    for (const video of videos) {
      video.addEventListener("timeupdate", follow);
      video.addEventListener("seeked", follow);
      video.addEventListener("play", follow);
      video.addEventListener("pause", follow);
    }
    // Start together once both can play (muted videos may start without a click).
    let ready = 0;
    for (const video of videos) {
      const start = () => { if (++ready === videos.length) playAll(); };
      if (video.readyState >= 3) start(); else video.addEventListener("canplay", start, { once: true });
    }
    return { toggle, cycleSound };
  }

  // Two audio players: starting one pauses the other (listening to both at once helps no one).
  function setUpAudio() {
    const players = [...document.querySelectorAll(".side audio")];
    for (const audio of players) {
      audio.addEventListener("play", () => {
        for (const other of players) if (other !== audio) other.pause();
      });
    }
  }
})();
