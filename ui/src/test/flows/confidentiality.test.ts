// Caucus material is marked by text, not colour alone.

import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import ConfidentialityBadge from "../../lib/components/ConfidentialityBadge.svelte";
import { setLang } from "../../lib/i18n/i18n.svelte";
import { renderApp } from "../helpers";

describe("ConfidentialityBadge", () => {
  it("says in words whom a caucus is confidential to", () => {
    render(ConfidentialityBadge, { props: { party: "Republic of Azuria" } });
    const badge = screen.getByTestId("confidentiality-badge");
    expect(badge).toHaveTextContent("Caucus — confidential to Republic of Azuria");
    expect(badge).toHaveAttribute("data-visibility", "caucus");
    // Colour is only an addition: the class carries the border; the words are there without CSS.
    expect(badge.className).toContain("caucus");
  });

  it("reads in Chinese too", () => {
    setLang("zh-Hans");
    render(ConfidentialityBadge, { props: { party: "阿祖里亚共和国" } });
    expect(screen.getByTestId("confidentiality-badge")).toHaveTextContent("单独会谈——为阿祖里亚共和国保密");
  });

  it("has a private variant", () => {
    render(ConfidentialityBadge, { props: { visibility: "private" } });
    expect(screen.getByTestId("confidentiality-badge")).toHaveTextContent("Private");
  });

  it("marks caucus rows on the case page and on the agenda, and only those", async () => {
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false });
    renderApp(backend);
    await fireEvent.click(await screen.findByTestId("case-open"));
    await screen.findByTestId("case-title");
    const rows = screen.getAllByTestId("session-row");
    const caucus = rows.find((r) => r.dataset.kind === "caucus");
    const joint = rows.find((r) => r.dataset.kind === "joint");
    expect(caucus?.querySelector("[data-testid=confidentiality-badge]")).toHaveTextContent(
      "Caucus — confidential to Lantau Infrastructure Ltd (大屿山基建有限公司)",
    );
    expect(joint?.querySelector("[data-testid=confidentiality-badge]")).toBeNull();

    await fireEvent.click(screen.getByTestId("nav-agenda"));
    const items = await screen.findAllByTestId("agenda-row");
    expect(items.map((i) => i.dataset.kind)).toEqual(["joint", "caucus"]);
    expect(items[1]?.querySelector("[data-testid=confidentiality-badge]")).toHaveTextContent("Lantau Infrastructure Ltd");
    expect(items[0]?.querySelector("[data-testid=confidentiality-badge]")).toBeNull();
  });
});
