/// The studio's one script (served as /assets/studio.js: the page's CSP runs no inline
/// script). It follows the configuration: every half second it asks /api/state for the
/// generation of the loaded files, and when that changed it fetches the page again and
/// swaps its content in place, keeping the scroll position, the keyboard focus and the
/// open/closed state of disclosures. Without JavaScript the page still works; it just
/// does not update by itself.
enum StudioScript {
    static let javascript = """
        // kado studio: live updates (see StudioScript.swift).
        (() => {
          "use strict";
          const meta = document.querySelector('meta[name="kado-generation"]');
          const status = document.getElementById("live");
          if (!meta) return;
          let generation = meta.content;
          const focusable = "a[href], button, select, input, summary, iframe, [tabindex]";
          const say = (text, stale) => {
            if (!status || status.textContent === text) return;
            status.textContent = text;
            status.classList.toggle("stale", Boolean(stale));
          };
          async function refresh() {
            const response = await fetch(location.href, { cache: "no-store", headers: { Accept: "text/html" } });
            if (!response.ok && response.status !== 404) return;
            const doc = new DOMParser().parseFromString(await response.text(), "text/html");
            const fresh = doc.getElementById("content");
            const current = document.getElementById("content");
            if (!fresh || !current) return;
            const focusIndex = Array.from(current.querySelectorAll(focusable)).indexOf(document.activeElement);
            const open = new Set(Array.from(current.querySelectorAll("details[open][id]"), (d) => d.id));
            const x = window.scrollX, y = window.scrollY;
            const node = document.importNode(fresh, true);
            node.querySelectorAll("details[id]").forEach((d) => { d.open = open.has(d.id); });
            current.replaceWith(node);
            document.title = doc.title;
            const next = doc.querySelector('meta[name="kado-generation"]');
            if (next) { generation = next.content; meta.content = generation; }
            window.scrollTo(x, y);
            if (focusIndex >= 0) {
              const target = node.querySelectorAll(focusable)[focusIndex];
              if (target) target.focus({ preventScroll: true });
            }
          }
          async function poll() {
            try {
              const response = await fetch("/api/state", { cache: "no-store" });
              const state = await response.json();
              if (String(state.generation) !== generation) await refresh();
              say(state.valid ? "Live: up to date"
                : "Live: " + state.errors + (state.errors === 1 ? " error" : " errors") + ", showing the last good version", false);
            } catch (error) {
              say("Live updates paused: the studio is not reachable", true);
            }
            setTimeout(poll, 500);
          }
          setTimeout(poll, 500);
        })();
        """
}
