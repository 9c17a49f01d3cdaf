/** A short attention sound on WebAudio (no audio file to download or cache). */
export interface Beeper {
  /** Create/resume the audio context: browsers allow it only inside a user gesture. */
  unlock(): void;
  /** Three short rising tones; silent if never unlocked. */
  beep(): void;
}

type AudioContextClass = typeof AudioContext;

/** The browser's beeper, or null where WebAudio is missing. */
export function createBeeper(): Beeper | null {
  const Context: AudioContextClass | undefined =
    globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Context) return null;
  let context: AudioContext | null = null;

  return {
    unlock() {
      try {
        context ??= new Context();
        if (context.state === "suspended") void context.resume();
      } catch {
        // No audio output device: the sound is an extra, never a requirement.
      }
    },
    beep() {
      if (!context) return;
      const start = context.currentTime;
      [660, 880, 1100].forEach((frequency, i) => {
        if (!context) return;
        const at = start + i * 0.25;
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.frequency.value = frequency;
        // A quick fade in and out avoids clicks.
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.21);
      });
    },
  };
}
