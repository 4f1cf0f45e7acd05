#!/usr/bin/env bash
# Installs the Debian packages Portal needs, only when some are missing.
#   scripts/install-deps.sh build   # C libraries the build links against
#   scripts/install-deps.sh test    # plus what the test suite runs (a private PostgreSQL server)
#   scripts/install-deps.sh bench   # plus what `make bench` runs (PostgreSQL and the wrk load generator)
set -euo pipefail

build_packages=(pkg-config libsqlite3-dev libpq-dev libcurl4-openssl-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core)
test_packages=(postgresql poppler-utils fonts-wqy-microhei)
bench_packages=(postgresql wrk)

packages=("${build_packages[@]}")
case "${1:-build}" in
  test) packages+=("${test_packages[@]}") ;;
  bench) packages+=("${bench_packages[@]}") ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then exit 0; fi

echo "Installing missing packages: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
