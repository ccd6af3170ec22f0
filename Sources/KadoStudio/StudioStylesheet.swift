/// The studio's one stylesheet (served as /assets/studio.css: the page's CSP allows
/// no inline style). Fluid to 1280 px and below without horizontal scrolling; every
/// focusable element shows where the keyboard is.
enum StudioStylesheet {
    static let css = """
        :root { color-scheme: light; --ink: #1d2330; --muted: #5a6272; --line: #d8dce4; --bg: #f6f7f9;
          --card: #fff; --ok: #11733b; --bad: #b3261e; --warn: #8a5a00; --focus: #1557d6; --accent: #3b4cc0; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
          background: var(--bg); overflow-wrap: anywhere; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible,
        iframe:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px;
          border-radius: 3px; }
        .skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 2; }
        .skip:focus { left: 1rem; top: .5rem; }
        header.top { background: #1d2330; color: #fff; padding: .6rem 1.25rem; display: flex; flex-wrap: wrap;
          gap: .25rem 1.25rem; align-items: baseline; }
        header.top a { color: #fff; }
        header.top .brand { font-weight: 700; text-decoration: none; }
        header.top nav ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
        header.top nav li + li::before { content: "/"; margin-right: .4rem; color: #aab; }
        #live { margin: 0 0 0 auto; font-size: .875rem; color: #cfd5e2; }
        #live.stale { color: #ffd27a; }
        main { display: block; max-width: 76rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
        main:focus { outline: none; }
        h1 { font-size: 1.6rem; margin: .5rem 0 .25rem; }
        h2 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; }
        h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
        p { margin: .35rem 0; }
        code, pre, kbd { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .875rem; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
        .muted { color: var(--muted); }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.1rem;
          margin: .75rem 0; min-width: 0; }
        .card > :first-child, .banner > :first-child { margin-top: 0; }
        .banner > :last-child { margin-bottom: 0; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: .9rem; }
        .grid > .card { margin: 0; }
        dl.facts { display: grid; grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr); gap: .2rem 1rem;
          margin: .5rem 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; min-width: 0; }
        ul.plain { list-style: none; padding: 0; margin: 0; }
        .badge { display: inline-block; font-size: .8rem; font-weight: 600; border-radius: 99px; padding: .05rem .6rem;
          border: 1px solid currentColor; vertical-align: middle; }
        .badge.ok { color: var(--ok); }
        .badge.bad { color: var(--bad); }
        .badge.warn { color: var(--warn); }
        .banner { border-radius: 8px; padding: .75rem 1rem; margin: .75rem 0; border: 1px solid; }
        .banner.ok { background: #eaf6ee; border-color: #a6d8b7; }
        .banner.bad { background: #fdecea; border-color: #f0a8a2; }
        .banner.warn { background: #fff6e0; border-color: #f0cf80; }
        .diagnostics h3 { font-size: 1rem; margin-top: .75rem; }
        .diagnostic { margin: .5rem 0 .9rem; }
        .diagnostic .where { font-weight: 600; }
        .diagnostic .severity-error { color: var(--bad); font-weight: 700; }
        .diagnostic .severity-warning { color: var(--warn); font-weight: 700; }
        .excerpt { background: #1d2330; color: #e8ebf2; padding: .5rem .75rem; border-radius: 6px; margin-top: .35rem; }
        .excerpt .lineno { color: #8f98ab; }
        .excerpt mark { background: #ffd27a; color: #1d2330; }
        .excerpt .caret { color: #ff8a80; font-weight: 700; }
        form.subject { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; }
        form.subject label { display: flex; flex-direction: column; font-size: .875rem; color: var(--muted); gap: .15rem; }
        select, input, button { font: inherit; padding: .35rem .5rem; border: 1px solid #9aa3b5; border-radius: 6px;
          background: #fff; color: var(--ink); max-width: 100%; }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        .email-frame { width: 100%; height: 26rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
        details { margin: .5rem 0; }
        summary { cursor: pointer; color: var(--accent); }
        .textbody { background: #fafbfc; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .75rem; }
        .chat { background: #e5ddd5; border-radius: 8px; padding: 1rem; }
        .bubble { background: #dcf8c6; border-radius: 10px 10px 2px 10px; padding: .6rem .8rem; max-width: 28rem;
          margin-left: auto; box-shadow: 0 1px 1px rgba(0,0,0,.12); white-space: pre-wrap; }
        .bubble .meta { display: block; text-align: right; font-size: .75rem; color: #667; margin-top: .25rem; }
        ol.params { margin: .25rem 0; padding-left: 1.75rem; }
        .downloads { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin-top: .5rem; }
        .fires li { margin: .1rem 0; }
        .rules { display: grid; gap: .75rem; }
        """
}
