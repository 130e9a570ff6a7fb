// The findings page: autosave while typing, keyboard shortcuts between norms.
// Without JavaScript the form still works with its buttons; this only makes it faster.
(function () {
  "use strict";
  const form = document.getElementById("finding-form");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const count = document.getElementById("source-count");
  const version = form.querySelector("input[name='loaded_version']");
  const DELAY = 2000;
  let timer = null;
  let dirty = false;
  let saving = null;
  let conflict = false;

  function say(text, kind) {
    status.textContent = text;
    status.className = "site-autosave" + (kind ? " site-autosave--" + kind : "");
  }

  function firstError(errors) {
    for (const name in errors) {
      const label = name === "__all__" ? "" : (form.querySelector("[name='" + name + "']")?.closest(".site-field, fieldset")?.querySelector("label, legend")?.textContent || name).trim() + ": ";
      return label + errors[name][0];
    }
    return "";
  }

  async function save() {
    clearTimeout(timer);
    if (conflict || !dirty) return true;
    if (saving) await saving;
    dirty = false;
    say("Opslaan…");
    const body = new FormData(form);
    saving = fetch(form.dataset.autosave, {
      method: "POST",
      body: body,
      headers: { "X-Autosave": "1" },
      credentials: "same-origin",
    })
      .then(async (response) => {
        const reply = await response.json().catch(() => ({}));
        if (response.ok && reply.saved) {
          version.value = reply.version;
          showCount(reply.sources);
          say("Opgeslagen om " + reply.at + ".", "saved");
          return true;
        }
        if (response.status === 409) {
          conflict = true;
          say((reply.by || "Iemand anders") + " heeft deze norm om " + (reply.at || "") + " gewijzigd. Uw laatste wijziging is niet opgeslagen: kopieer uw tekst en open de pagina opnieuw.", "error");
        } else if (response.status === 400) {
          dirty = true;
          say("Nog niet opgeslagen: " + firstError(reply.errors || {}), "error");
        } else {
          dirty = true;
          say("Niet opgeslagen (geen verbinding?). Het wordt zo opnieuw geprobeerd.", "error");
          timer = setTimeout(save, DELAY * 3);
        }
        return false;
      })
      .catch(() => {
        dirty = true;
        say("Niet opgeslagen (geen verbinding?). Het wordt zo opnieuw geprobeerd.", "error");
        timer = setTimeout(save, DELAY * 3);
        return false;
      })
      .finally(() => {
        saving = null;
      });
    return saving;
  }

  function showCount(n) {
    if (count) count.textContent = "(" + n + " gekozen" + (n < 2 ? "; minstens twee, Bijlage 9)" : ")");
  }

  function changed(event) {
    if (event && event.target.type === "checkbox") {
      showCount(form.querySelectorAll("input[type=checkbox][name=interviews]:checked, input[type=checkbox][name=documents]:checked").length);
    }
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  async function go(url) {
    if (!url) return;
    if (await save()) window.location.href = url;
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // With JavaScript every save goes the same way, so a button never races an autosave.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    dirty = true;
    const next = event.submitter && event.submitter.value === "next";
    go(next ? form.dataset.next : window.location.href);
  });
  // Leaving by a link (the strip, the pager) saves first.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (!link || !dirty || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    go(link.href);
  });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      dirty = true;
      save();
    } else if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      dirty = true;
      go(form.dataset.next || window.location.href);
    } else if (event.altKey && event.key === "PageDown") {
      event.preventDefault();
      go(form.dataset.next);
    } else if (event.altKey && event.key === "PageUp") {
      event.preventDefault();
      go(form.dataset.previous);
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !conflict) {
      save();
      event.preventDefault();
    }
  });
})();
