// Note text is Markdown: paragraphs, lists, emphasis, quotes, code. It is rendered for the
// preview by markdown-it with raw HTML off, then cleaned by DOMPurify down to a short list
// of harmless elements with no attributes that load, run or navigate. Links stay visible as
// text but lose their address: in the desktop app a followed link would replace the whole
// app window, so nothing rendered here may navigate. Images are not rendered at all (the
// app makes no network request, and a note has no attachments to point at).

import DOMPurify from "dompurify";
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true });
md.disable(["image"]);

/** Elements a rendered note may contain. Nothing that loads, runs, styles or submits. */
const ALLOWED_TAGS = [
  "p", "br", "em", "strong", "s", "del", "ul", "ol", "li", "blockquote", "code", "pre",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "a", "table", "thead", "tbody", "tr", "th", "td",
];

/** `start` keeps an ordered list's first number; links keep no href (see above). */
const ALLOWED_ATTR = ["start"];

/** The note's Markdown as sanitized HTML (a string, for tests and previews). */
export function renderMarkdown(source: string): string {
  const html = md.render(source);
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
  });
}

/** The note's Markdown as a sanitized fragment, for inserting without `{@html}`. */
export function markdownFragment(source: string): DocumentFragment {
  const html = md.render(source);
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
  });
}

function inertClick(event: MouseEvent): void {
  const target = event.target;
  if (target instanceof Element && target.closest("a")) event.preventDefault();
}

/**
 * Svelte action: renders `source` into the node (replacing its children) and keeps every
 * click on a link from doing anything, should one ever carry an address.
 */
export function markdown(node: HTMLElement, source: string) {
  const render = (text: string) => node.replaceChildren(markdownFragment(text));
  render(source);
  node.addEventListener("click", inertClick);
  node.addEventListener("auxclick", inertClick);
  return {
    update: render,
    destroy() {
      node.removeEventListener("click", inertClick);
      node.removeEventListener("auxclick", inertClick);
    },
  };
}
