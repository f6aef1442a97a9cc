// The process's single Dispositions instance, wired to libc through src/sys/signal-ffi.ts and to
// Bun's process.on for catching. Created on first use, so that merely importing the signal
// modules changes nothing in the process.
import { Dispositions, readIgnoredSignals, type SignalSys } from "./dispositions.ts";
import { signalName } from "./table.ts";
import {
  defaultSignal,
  ignoreSignal,
  restoreSigaction,
  saveSigaction,
} from "../sys/signal-ffi.ts";

/** SignalSys over libc and Bun: SIG_IGN / SIG_DFL through FFI, catching through process.on, the
 *  original disposition (including the runtime's own handlers) saved with sigaction. */
export function createProcessSignalSys(): SignalSys {
  const originals = new Map<number, Uint8Array>();
  const eventName = (sig: number) => `SIG${signalName(sig)}` as NodeJS.Signals;
  return {
    ignore(sig) {
      ignoreSignal(sig);
    },
    setDefault(sig) {
      defaultSignal(sig);
    },
    saveOriginal(sig) {
      const saved = saveSigaction(sig);
      if (saved !== undefined) originals.set(sig, saved);
    },
    restoreOriginal(sig) {
      const saved = originals.get(sig);
      if (saved === undefined || restoreSigaction(sig, saved) !== 0) defaultSignal(sig);
    },
    snapshot(sig) {
      return saveSigaction(sig);
    },
    restoreSnapshot(sig, snap) {
      if (snap instanceof Uint8Array) restoreSigaction(sig, snap);
    },
    listen(sig, handler) {
      process.on(eventName(sig), handler);
    },
    unlisten(sig, handler) {
      process.off(eventName(sig), handler);
    },
  };
}

let instance: Dispositions | undefined;

/** The owner of this process's signal dispositions. */
export function processDispositions(): Dispositions {
  if (instance === undefined) {
    instance = new Dispositions(createProcessSignalSys(), readIgnoredSignals());
    instance.setShellDefaults();
  }
  return instance;
}
