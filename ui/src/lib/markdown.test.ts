// Injection corpus: whatever a note holds (pasted from an e-mail, typed by mistake, planted
// in a bundle), its preview never runs script, loads anything or navigates the app window.

import { describe, expect, it } from "vitest";

import { markdown, renderMarkdown } from "./markdown";

const CORPUS: readonly string[] = [
  `<img src=x onerror=alert(1)>`,
  `<script>alert(1)</script>`,
  `<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
  `[x](javascript:alert(1))`,
  `[x](JaVaScRiPt:alert(1))`,
  `[x](java\tscript:alert(1))`,
  `[x](&#106;avascript:alert(1))`,
  `[x](javascript&#58;alert(1))`,
  `[x]( javascript:alert(1) "t")`,
  `[ref]\n\n[ref]: javascript:alert(1)`,
  `<iframe src="javascript:alert(1)"></iframe>`,
  `<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  `<a href="javascript:alert(1)">click</a>`,
  `<a href="jav&#x09;ascript:alert(1)">click</a>`,
  `<svg onload=alert(1)>`,
  `<svg><script>alert(1)</script></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
  `[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`,
  `![x](https://evil.example/pixel.png)`,
  `<style>body{display:none}</style>`,
  `<div style="background:url(javascript:alert(1))">x</div>`,
  `<p onclick="alert(1)" onmouseover="alert(1)">hover</p>`,
  `<body onload=alert(1)>`,
  `<form action="javascript:alert(1)"><button>go</button></form>`,
  `<input autofocus onfocus=alert(1)>`,
  `<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<base href="javascript:alert(1)//">`,
  `<link rel=stylesheet href=x>`,
  `&lt;script&gt;alert(1)&lt;/script&gt;`,
  `&#60;img src=x onerror=alert(1)&#62;`,
  `<https://evil.example>`,
  `<javascript:alert(1)>`,
  `<mailto:someone@example.org>`,
  `https://evil.example/linkify`,
  `*[x](vbscript:msgbox(1))*`,
  `[x](file:///etc/passwd)`,
  "```html\n<script>alert(1)</script>\n```",
  `<details open ontoggle=alert(1)>`,
  `<video><source onerror=alert(1)></video>`,
  `<a href="#" onclick="alert(1)">x</a>`,
];

const SCRIPT_CAPABLE = "script, iframe, frame, object, embed, svg, math, style, link, meta, base, form, input, button, img, video, audio, source, details, body, textarea, select";

function dom(html: string): HTMLElement {
  const box = document.createElement("div");
  box.innerHTML = html;
  return box;
}

describe("renderMarkdown sanitizes", () => {
  it.each(CORPUS)("%s", (source) => {
    const html = renderMarkdown(source);
    const box = dom(html);
    expect(box.querySelector(SCRIPT_CAPABLE), html).toBeNull();
    for (const el of box.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        expect(attr.name, `${el.tagName} ${attr.name} in ${html}`).not.toMatch(/^on|^style$|^href$|^src|^action$|^formaction$|^xlink|^srcdoc$/i);
      }
      expect(el.getAttribute("href")).toBeNull();
      for (const attr of el.attributes) expect(attr.value.toLowerCase()).not.toContain("script:");
    }
    // Dangerous markup may remain only as visible, escaped text.
    expect(html.toLowerCase()).not.toMatch(/<(script|iframe|svg|img|style)/);
  });

  it("still renders ordinary Markdown: paragraphs, lists, emphasis", () => {
    const box = dom(renderMarkdown("First *point*.\n\nSecond **strong**.\n\n- one\n- two\n\n3. three\n4. four"));
    expect(box.querySelectorAll("p")).toHaveLength(2);
    expect(box.querySelector("em")).toHaveTextContent("point");
    expect(box.querySelector("strong")).toHaveTextContent("strong");
    expect(box.querySelectorAll("ul li")).toHaveLength(2);
    expect(box.querySelector("ol")).toHaveAttribute("start", "3");
  });

  it("keeps Chinese and escaped text as text", () => {
    const box = dom(renderMarkdown("双方同意 *六月* 付款 & <b>不是标签</b>"));
    expect(box.querySelector("em")).toHaveTextContent("六月");
    expect(box.querySelector("b")).toBeNull();
    expect(box.textContent).toContain("<b>不是标签</b>");
  });

  it("shows a link's words without its address", () => {
    const box = dom(renderMarkdown("[the ruling](https://example.org/ruling)"));
    const a = box.querySelector("a");
    expect(a).toHaveTextContent("the ruling");
    expect(a?.hasAttribute("href")).toBe(false);
  });

  it("the action renders into a node and prevents any click on a link", () => {
    const node = document.createElement("div");
    const action = markdown(node, "see [here](https://example.org)");
    const a = node.querySelector("a");
    expect(a).not.toBeNull();
    const click = new MouseEvent("click", { bubbles: true, cancelable: true });
    a?.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    action.update("*new*");
    expect(node.querySelector("em")).toHaveTextContent("new");
    action.destroy();
  });
});
