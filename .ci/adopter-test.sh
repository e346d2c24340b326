#!/usr/bin/env bash
# The adopter test: Mandate as a Backstage adopter gets it. Builds and packs every publishable
# package of this repository and checks each tarball; creates a fresh app with the
# @backstage/create-app of the Backstage release in backstage.json (from the npm registry
# only); installs the tarballs and applies README.md's "Add Mandate to an existing Backstage
# app" as written (.ci/adopter/apply-readme.mjs); starts the backend on SQLite files on
# 127.0.0.1 and checks through HTTP that the catalog holds the Agent with its relations, that
# its owner files the commission, and, after a restart (the data persists), that security
# approves it and a tool call a gateway exports over OTLP is counted for the agent; then
# builds the frontend bundle. Prints each phase's time.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
eval "$(./mandate env)" # Node 22 and Yarn 4.13.0: the Yarn the template pins (packageManager)

# The create-app of Backstage 1.55.0: its dist/package.json.cjs.js says version "1.55.0", and
# the app it creates has backstage.json 1.55.0 (checked below). When backstage.json moves to
# another release, set the create-app of that release here.
CREATE_APP_VERSION=0.9.2

started=$(date +%s)
phase_started=$started
timings=()
phase() {
  local now
  now=$(date +%s)
  if [[ -n ${phase_name:-} ]]; then
    timings+=("$(printf '%-46s %4ss' "$phase_name" "$((now - phase_started))")")
  fi
  phase_name=$1
  phase_started=$now
  printf '\n==> adopter test: %s (%ss)\n' "$1" "$((now - started))"
}

work=$(mktemp -d /tmp/mandate-adopter.XXXXXX)
backend_pid=
stop_backend() {
  if [[ -n $backend_pid ]]; then
    kill -TERM -- "-$backend_pid" 2>/dev/null || true
    wait "$backend_pid" 2>/dev/null || true
    backend_pid=
  fi
}
cleanup() {
  local status=$?
  stop_backend
  if ((status != 0)) && [[ -f $work/backend.log ]]; then
    echo '--- the last 60 lines of the backend log ---'
    tail -n 60 "$work/backend.log"
  fi
  if [[ -n ${MANDATE_ADOPTER_KEEP:-} ]]; then
    echo "kept $work (MANDATE_ADOPTER_KEEP)"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

phase "build the packages (tsc for their types, then backstage-cli repo build)"
# Only the packages: `repo build` without --all leaves out the demo app and backend.
yarn tsc
yarn backstage-cli repo build

phase "pack every publishable package and check each tarball"
mkdir -p "$work/tgz"
mapfile -t packages < <(node -e '
  const fs = require("fs");
  for (const dir of fs.readdirSync("plugins").sort()) {
    const file = `plugins/${dir}/package.json`;
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    if (!pkg.private) console.log(`${dir} ${pkg.name}`);
  }')
((${#packages[@]} > 0)) || { echo "no publishable package under plugins/" >&2; exit 1; }
for entry in "${packages[@]}"; do
  read -r dir name <<<"$entry"
  tgz=$work/tgz/$dir.tgz
  yarn --cwd "plugins/$dir" pack -o "$tgz" >/dev/null
  # The packed package.json's entry points, .d.ts files and `files` must all be in the tarball.
  tar tzf "$tgz" | sed 's|^package/||' >"$work/list"
  tar xzf "$tgz" -O package/package.json | node -e '
    const fs = require("fs");
    const pkg = JSON.parse(fs.readFileSync(0, "utf8"));
    const listed = new Set(fs.readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean));
    const has = p => listed.has(p.replace(/^\.\//, "")) ||
      [...listed].some(f => f.startsWith(p.replace(/^\.\//, "").replace(/\/?$/, "/")));
    const missing = [];
    if (!has("dist")) missing.push("dist/");
    if (![...listed].some(f => f.startsWith("dist/") && f.endsWith(".d.ts"))) missing.push("dist/*.d.ts");
    for (const f of pkg.files ?? []) if (!has(f)) missing.push(`${f} (in files)`);
    const entries = [pkg.main, pkg.module, pkg.types];
    const walk = v => typeof v === "string" ? entries.push(v) : v && Object.values(v).forEach(walk);
    walk(pkg.exports);
    walk(pkg.typesVersions);
    for (const f of entries) if (f && /^(\.\/|dist\/)/.test(f) && !f.includes("*") && !has(f)) missing.push(`${f} (entry point)`);
    if (missing.length) {
      console.error(`${pkg.name}: the tarball lacks ${missing.join(", ")}`);
      process.exit(1);
    }
    console.log(`${pkg.name}@${pkg.version}: ${listed.size} files, ${fs.statSync(process.argv[2]).size} bytes`);
  ' "$work/list" "$tgz"
done

phase "create an app with @backstage/create-app@$CREATE_APP_VERSION"
app=$work/app
(cd "$work" && BACKSTAGE_APP_NAME=adopter-app npx -y "@backstage/create-app@$CREATE_APP_VERSION" \
  --path app --skip-install </dev/null)
want=$(node -p 'require("./backstage.json").version')
got=$(node -p "require('$app/backstage.json').version")
if [[ $got != "$want" ]]; then
  echo "create-app $CREATE_APP_VERSION makes Backstage $got, but backstage.json says $want:" \
    "set CREATE_APP_VERSION in $0 to the create-app of $want" >&2
  exit 1
fi
echo "Backstage $got; the app pins $(node -p "require('$app/package.json').packageManager")"

phase "install the app (yarn install)"
cd "$app"
# The new app has no yarn.lock yet, and CI machines set CI=true, which makes Yarn refuse to write
# one ("The lockfile would have been modified by this install"): this app's installs may write it.
export YARN_ENABLE_IMMUTABLE_INSTALLS=false
# create-app pairs the template's caret ranges with a yarn.lock seed it fetches from GitHub,
# which is out of reach here; without it 0.x ranges float to later releases (such as
# plugin-signals-backend 0.3.21, which needs backend-defaults 0.19: "httpRouter.
# addWebSocketHandler is not a function"). The ranges' lower bounds are the release's own
# versions: pin the app's direct @backstage/* dependencies to them.
node -e '
  const fs = require("fs");
  for (const file of ["package.json", "packages/app/package.json", "packages/backend/package.json"]) {
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const field of ["dependencies", "devDependencies"])
      for (const [name, range] of Object.entries(pkg[field] ?? {}))
        if (name.startsWith("@backstage/")) pkg[field][name] = range.replace(/^\^/, "");
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  }'
# Native builds that neither the backend nor the bundle here load (kubernetes' ssh2, the
# CLI's keychain access, the API docs' tree-sitter parsers), skipped to save a minute;
# better-sqlite3 is built.
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
  pkg.dependenciesMeta = {};
  for (const name of ["cpu-features", "ssh2", "keytar", "tree-sitter", "tree-sitter-json",
    "@tree-sitter-grammars/tree-sitter-yaml"]) pkg.dependenciesMeta[name] = { built: false };
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");'
if ! yarn install >"$work/install.log" 2>&1; then
  tail -n 20 "$work/install.log"
  if grep -q YN0082 "$work/install.log"; then
    # /work/shared/TOOLCHAIN.md: versions this registry lacks a platform package for.
    echo "retrying with the resolutions this registry needs"
    node -e '
      const fs = require("fs");
      const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
      Object.assign(pkg.resolutions, { "@swc/core": "1.16.18", "@yarnpkg/core": "4.9.1",
        "unrs-resolver": "1.12.2", rollup: "4.67.4" });
      fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");'
    yarn install >"$work/install.log" 2>&1 || { tail -n 40 "$work/install.log"; exit 1; }
  else
    exit 1
  fi
fi
tail -n 1 "$work/install.log"

phase "install Mandate from the tarballs (README step 1)"
# Before the first npm release: every Mandate package resolves to its tarball.
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
  for (const entry of process.argv.slice(2)) {
    const [dir, name] = entry.split(" ");
    pkg.resolutions[name] = `file:${process.argv[1].replace(/\/$/, "")}/${dir}.tgz`;
  }
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$work/tgz" "${packages[@]}"
# The README's resolutions must name only packages that exist.
node "$repo/.ci/adopter/apply-readme.mjs" "$repo/README.md" "$app" install >"$work/install.sh"
cat "$work/install.sh"
bash -euo pipefail "$work/install.sh" >"$work/add.log" 2>&1 || { tail -n 40 "$work/add.log"; exit 1; }

phase "apply the README's steps 2-5"
node "$repo/.ci/adopter/apply-readme.mjs" "$repo/README.md" "$app" configure
# The example agent (step 3's location) and the org data it names.
mkdir -p examples/agents
cp "$repo/.ci/adopter/catalog-info.yaml" examples/agents/catalog-info.yaml
cat "$repo/.ci/adopter/org.yaml" >>examples/org.yaml
grep -n 'mandate\|permission' packages/backend/src/index.ts

phase "the frontend bundle (yarn --cwd packages/app build)"
yarn --cwd packages/app build >"$work/app-build.log" 2>&1 || { tail -n 40 "$work/app-build.log"; exit 1; }
test -f packages/app/dist/index.html
grep -rlq --include='*.js' 'mcp-server-agents' packages/app/dist/static ||
  { echo "the bundle holds no Mandate frontend plugin" >&2; exit 1; }
echo "packages/app/dist: $(du -sh packages/app/dist | cut -f1), with @mandate/plugin-agents"

export OTLP_TOKEN="adopter-otlp-$RANDOM$RANDOM$RANDOM"
port=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
url=http://127.0.0.1:$port
# The test's own settings, after the README's: loopback only, a free port, the guest sign-in
# as the person each run needs, and a catalog sync every few seconds instead of every minute.
start_backend() {
  node -e '
    const fs = require("fs");
    const YAML = require(require.resolve("yaml", { paths: [process.cwd()] }));
    const local = YAML.parse(fs.readFileSync("app-config.local.yaml", "utf8"));
    const [port, user] = process.argv.slice(1);
    local.backend = { ...local.backend, baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: "127.0.0.1", port: Number(port) },
      // The token a gateway exports spans with (README, "Telemetry").
      auth: { ...local.backend?.auth, externalAccess: [{ type: "static",
        options: { token: process.env.OTLP_TOKEN, subject: "adopter-gateway" } }] } };
    local.auth = { providers: { guest: { userEntityRef: user } } };
    local.agents = { catalogSync: { frequency: { seconds: 3 } } };
    fs.writeFileSync("app-config.local.yaml", YAML.stringify(local));
  ' "$port" "$1"
  setsid yarn --cwd packages/backend start >>"$work/backend.log" 2>&1 &
  backend_pid=$!
  local deadline=$(($(date +%s) + 180))
  until curl -sf "$url/.backstage/health/v1/readiness" >/dev/null; do
    kill -0 "$backend_pid" 2>/dev/null || { echo "the backend exited" >&2; exit 1; }
    (($(date +%s) < deadline)) || { echo "the backend was not ready in 180 s" >&2; exit 1; }
    sleep 1
  done
  echo "backend ready on $url as $1"
}

phase "backend as the owner: the catalog, then the commission filed"
start_backend user:default/ada.owner
node "$repo/.ci/adopter/assert.mjs" "$url" file | tee "$work/file.log"
request_id=$(sed -n 's/^REQUEST_ID=//p' "$work/file.log")
# The security group is in the catalog: no warning, or, when the sync ran before the catalog
# had read the org data, one followed by "is in the catalog now".
if grep -E 'agents.securityGroup .* is (not )?in the catalog' "$work/backend.log" | tail -n 1 |
  grep -q 'is not in the catalog'; then
  echo "the backend warns that the security group is not in the catalog" >&2
  exit 1
fi
stop_backend

phase "backend restarted as security: the commission approved"
ls packages/backend/sqlite-data
start_backend user:default/sam.security
node "$repo/.ci/adopter/assert.mjs" "$url" approve "$request_id"
stop_backend

phase "clean up"
cd "$repo"
rm -rf "$work"
phase done

echo
echo "adopter test passed: $(printf '%s\n' "${packages[@]}" | wc -l) packages packed, installed into a fresh app of Backstage $got"
printf '%s\n' "${timings[@]}"
echo "total $(($(date +%s) - started))s"
