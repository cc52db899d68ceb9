// The fake's key actions (recovery rotation, rekey) follow the core's rules: refused while no
// vault is open or with a wrong passphrase (nothing changes then), otherwise a fresh recovery
// key in the core's format that becomes the current one, audited under the core's action
// names; a rekey keeps the vault open and the passphrase working.

import { describe, expect, it } from "vitest";

import { FakeBackend } from "./fake";

const PASSPHRASE = "correct horse battery";
const FIRST_KEY = "K7QF-2MXA-9RTB-LW4C-HD3N-P8VE-Y6ZJ-S5GU";
/** The core's format (src/keys.rs): 32 RFC 4648 base32 characters in eight groups of four. */
const KEY_FORMAT = /^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/;

describe("FakeBackend key actions", () => {
  it("refuse while locked or without a vault, and with a wrong passphrase, changing nothing", async () => {
    const locked = new FakeBackend();
    const fresh = new FakeBackend({ exists: false });
    for (const b of [locked, fresh]) {
      await expect(b.rotateRecoveryKey(PASSPHRASE)).rejects.toMatchObject({ code: "vault.locked" });
      await expect(b.rekeyVault(PASSPHRASE)).rejects.toMatchObject({ code: "vault.locked" });
      expect(b.keyAudit).toEqual([]);
    }
    await locked.unlock(PASSPHRASE);
    await expect(locked.rotateRecoveryKey("wrong")).rejects.toMatchObject({ code: "vault.wrong_passphrase" });
    await expect(locked.rekeyVault("wrong")).rejects.toMatchObject({ code: "vault.wrong_passphrase" });
    expect(locked.recoveryKey).toBe(FIRST_KEY);
    expect(locked.masterKeyChanges).toBe(0);
    expect(locked.keyAudit).toEqual([]);
  });

  it("hand out a fresh key in the core's format every time, audited under the core's names", async () => {
    const b = new FakeBackend({ unlocked: true, now: () => new Date("2026-03-01T09:00:00Z") });
    const keys = new Set([FIRST_KEY]);
    for (let i = 0; i < 20; i++) {
      const { recovery_key } = i % 2 ? await b.rekeyVault(PASSPHRASE) : await b.rotateRecoveryKey(PASSPHRASE);
      expect(recovery_key).toMatch(KEY_FORMAT);
      expect(keys.has(recovery_key)).toBe(false);
      keys.add(recovery_key);
      expect(b.recoveryKey).toBe(recovery_key);
    }
    expect(b.masterKeyChanges).toBe(10);
    expect(b.keyAudit).toHaveLength(20);
    expect(b.keyAudit[0]).toEqual({ action: "vault.recovery_rotate", at: "2026-03-01T09:00:00Z" });
    expect(b.keyAudit[1]).toEqual({ action: "vault.rekey", at: "2026-03-01T09:00:00Z" });
  });

  it("a rekey keeps the vault open and the keyring copy, and the passphrase still unlocks", async () => {
    const b = new FakeBackend({ keyring: "enabled" });
    await b.unlock(PASSPHRASE);
    await b.rekeyVault(PASSPHRASE);
    expect(b.isUnlocked).toBe(true);
    expect(b.keyringHoldsKey).toBe(true);
    await b.lock();
    await expect(b.unlock("wrong")).rejects.toMatchObject({ code: "vault.wrong_passphrase" });
    await b.unlock(PASSPHRASE);
    expect(b.isUnlocked).toBe(true);
  });

  it("a new vault's recovery key is the current one until rotated", async () => {
    const b = new FakeBackend({ exists: false });
    const created = await b.createVault("river stone lantern 7", "Chan", false);
    expect(b.recoveryKey).toBe(created.recovery_key);
    const next = await b.rotateRecoveryKey("river stone lantern 7");
    expect(b.recoveryKey).toBe(next.recovery_key);
    expect(next.recovery_key).not.toBe(created.recovery_key);
  });

  it("answers one IPC hop later, as the real calls do", async () => {
    const b = new FakeBackend({ unlocked: true });
    const pending = b.rotateRecoveryKey(PASSPHRASE);
    // A lock sent right after the call reaches the core first.
    await b.lock();
    await expect(pending).rejects.toMatchObject({ code: "vault.locked" });
  });
});
