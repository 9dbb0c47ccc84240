#!/usr/bin/env bash
# Installs the Ethereum test tools (Anvil node, solc-js) into tools/node and compiles the test contracts.
# Idempotent: packages already at the pinned versions are not reinstalled.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
node_dir="$root/tools/node"
contracts="$root/tests/ChainTrace.Ethereum.Tests/Contracts"
mkdir -p "$node_dir"
cd "$node_dir"
[ -f package.json ] || echo '{ "name": "chaintrace-eth-tools", "private": true }' > package.json

installed_version() { node -e "try{console.log(require('./node_modules/$1/package.json').version)}catch(e){}" ; }
if [ "$(installed_version @foundry-rs/anvil)" != "1.7.1" ]; then npm install --no-audit --no-fund @foundry-rs/anvil@1.7.1; fi
if [ "$(installed_version solc)" != "0.8.37" ]; then npm install --no-audit --no-fund solc@0.8.37; fi

anvil="$(find "$node_dir/node_modules" -type f -name anvil -perm -u+x | head -n 1)"
echo "anvil: ${anvil:-not found}"

if compgen -G "$contracts/*.sol" > /dev/null; then
  out="$contracts/build"
  mkdir -p "$out"
  (cd "$contracts" && npx --prefix "$node_dir" solcjs --bin --abi --optimize -o "$out" ./*.sol)
  echo "compiled contracts into $out"
fi
