#!/bin/sh
# Runs clang-tidy (the checks in .clang-tidy) on the C++ files changed since BASE (default:
# origin/main, else HEAD~1), or on the files given. Needs build/compile_commands.json.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
if [ "$#" -gt 0 ]; then
    files="$*"
else
    base=${BASE:-$(git rev-parse -q --verify origin/main || git rev-parse HEAD~1)}
    files=$(git diff --name-only --diff-filter=AM "$base" -- '*.cpp' | grep -E '^(core|ui|app)/' || true)
fi
[ -z "$files" ] && { echo "clang-tidy: no changed C++ files"; exit 0; }
# shellcheck disable=SC2086
clang-tidy -p "$BUILD" --quiet $files
