// A vault whose files others could read opens, with the core's warning shown on every screen.

import { screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import { renderApp, unlockWith } from "../helpers";

describe("vault files others could read", () => {
  it("are named in a warning that does not stop the unlock", async () => {
    const { backend } = await demoBackend({
      unlocked: false,
      warnings: [
        {
          code: "files.not_private",
          args: { path: "/home/m/vault/accord.db", detail: "mode 0644" },
          message: "/home/m/vault/accord.db is not private to you: mode 0644",
        },
      ],
    });
    renderApp(backend);
    const warning = await screen.findByTestId("file-warning");
    expect(warning).toHaveTextContent("/home/m/vault/accord.db is not private to you (mode 0644)");
    expect(warning).toHaveTextContent("chmod 600");
    await unlockWith("correct horse battery");
    await screen.findByTestId("case-filter");
    expect(screen.getByTestId("file-warning")).toBeInTheDocument();
  });

  it("are not mentioned when all is private", async () => {
    const { backend } = await demoBackend({ unlocked: false });
    renderApp(backend);
    await screen.findByTestId("unlock-passphrase");
    expect(screen.queryByTestId("file-warning")).toBeNull();
  });
});
