"""Write resources/sounds/soft_cue.wav: the player's optional, gentle breathing cue.

    python scripts/make_soft_cue.py [--check]

The tone is computed here, not recorded or downloaded, so it carries no third-party
licence (see resources/sounds/README.md). It is a short, quiet sine tone (G4 with a
softer octave above it) that fades in and out slowly, so it has no click at either
end. The output is byte-for-byte deterministic; `--check` exits 1 if the shipped
file differs from what this script would write (tests/ui/coping/test_sound_cue.py runs it).
"""

from __future__ import annotations

import argparse
import io
import math
import struct
import sys
import wave
from pathlib import Path

RATE = 44_100  # Hz: every desktop audio output plays this rate without resampling surprises
SECONDS = 0.45
FREQUENCY = 392.0  # G4: low enough to be soft, high enough for small laptop speakers
PEAK = 0.22  # of full scale: a quiet cue, never startling
TARGET = Path(__file__).resolve().parents[1] / "resources" / "sounds" / "soft_cue.wav"


def samples() -> list[int]:
    """16-bit samples of the cue: a raised-cosine (Hann) envelope over two partials."""
    count = int(RATE * SECONDS)
    out: list[int] = []
    for n in range(count):
        t = n / RATE
        envelope = 0.5 - 0.5 * math.cos(2 * math.pi * n / (count - 1))
        tone = 0.85 * math.sin(2 * math.pi * FREQUENCY * t) + 0.15 * math.sin(
            2 * math.pi * 2 * FREQUENCY * t
        )
        out.append(round(32767 * PEAK * envelope * tone))
    return out


def render() -> bytes:
    """The complete WAV file (mono, 16-bit PCM)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        data = samples()
        wav.writeframes(struct.pack(f"<{len(data)}h", *data))
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    data = render()
    if args.check:
        same = TARGET.is_file() and TARGET.read_bytes() == data
        print(f"{TARGET}: {'up to date' if same else 'differs from the generator'}")
        return 0 if same else 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(data)
    print(f"wrote {TARGET} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
