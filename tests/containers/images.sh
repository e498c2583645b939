# shellcheck shell=bash
# Sourced by tests/containers/run.sh: the images the test stack runs on.
#   1. weather-test/debian:{bookworm,trixie}: `debootstrap --variant=minbase` imported with
#      `docker import`, kept between runs (a clean machine pays for it once);
#   2. the stand-ins of the official base and service images (stand-ins/*/Dockerfile);
#   3. our own images, built from server/Dockerfile and nginx/Dockerfile on the stand-ins with
#      the build arguments of compose.test.yml, and the CA bundle as a build secret.

STAND_INS=(python node nginx postgres rabbitmq redis)
# The Debian mirror apt on this machine uses (its first http(s) source that is not the
# security archive), unless DEBIAN_MIRROR names one.
apt_mirror() {
  local mirror
  # Missing files are normal (sources.list or *.list may not exist): never fail here.
  mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list \
    /etc/apt/sources.list 2>/dev/null | grep -E '^(URIs:|deb )' | grep -oE 'https?://[^ ]+' \
    | grep -v security | head -n 1) || true
  echo "${mirror}"
}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(apt_mirror)}

image_exists() {
  docker image inspect "$1" >/dev/null 2>&1
}

# Before the bases are bootstrapped side by side: two apt-get runs at once would fight over
# apt's lock.
ensure_debootstrap() {
  image_exists weather-test/debian:bookworm && image_exists weather-test/debian:trixie && return 0
  command -v debootstrap >/dev/null 2>&1 && return 0
  can_install || no_engine "debootstrap is missing and cannot be installed"
  apt_install debootstrap
}

ensure_debian_base() {
  local suite=$1 image=weather-test/debian:$1 rootfs
  image_exists "${image}" && return 0
  rootfs=$(mktemp -d "${STATE_DIR}/rootfs-${suite}.XXXXXX")
  echo "debootstrap --variant=minbase ${suite} (first run only) ..."
  if ! debootstrap --variant=minbase "${suite}" "${rootfs}" "${DEBIAN_MIRROR}" \
    >"${STATE_DIR}/debootstrap-${suite}.log" 2>&1; then
    tail -n 5 "${STATE_DIR}/debootstrap-${suite}.log" >&2
    rm -rf "${rootfs}"
    return 1
  fi
  # What Debian's own images do: no downloaded packages kept, no services started by
  # package scripts, no recommended packages.
  rm -rf "${rootfs}"/var/cache/apt/archives/*.deb "${rootfs}"/var/lib/apt/lists/*
  printf '#!/bin/sh\nexit 101\n' >"${rootfs}/usr/sbin/policy-rc.d"
  chmod 0755 "${rootfs}/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
    >"${rootfs}/etc/apt/apt.conf.d/90-no-recommends"
  tar -C "${rootfs}" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["bash"]' -c 'LABEL org.weather-app.test=stand-in' - "${image}" >/dev/null
  rm -rf "${rootfs}"
}

build_stand_ins() {
  local name
  for name in "${STAND_INS[@]}"; do
    "${BUILD[@]}" --quiet --tag "weather-test/${name}:latest" \
      "${HERE}/stand-ins/${name}" >"${STATE_DIR}/build-${name}.log" 2>&1 \
      || { tail -n 20 "${STATE_DIR}/build-${name}.log" >&2; return 1; }
  done
}

# image <TAB> context <TAB> dockerfile <TAB> KEY=VALUE... for every service that builds,
# read from the merged compose configuration (one owner for the build arguments).
compose_builds() {
  compose config | "$(yaml_python)" -c '
import sys, yaml
seen = set()
for service in yaml.safe_load(sys.stdin)["services"].values():
    build = service.get("build")
    if not build or service["image"] in seen:
        continue
    seen.add(service["image"])
    args = build.get("args") or {}
    if isinstance(args, list):
        args = dict(a.split("=", 1) for a in args)
    print("\t".join([service["image"], build["context"], build.get("dockerfile", "Dockerfile"),
                     *(f"{k}={v}" for k, v in args.items())]))
'
}

yaml_python() {
  local candidate
  for candidate in /usr/bin/python3 python3 "${ROOT}/.venv/bin/python"; do
    if "${candidate}" -c "import yaml" >/dev/null 2>&1; then
      echo "${candidate}"
      return
    fi
  done
  echo "no Python with PyYAML to read the compose configuration" >&2
  return 1
}

build_app_images() {
  local image context dockerfile args line started secret=()
  if [[ -n ${BUILD_CA_BUNDLE} ]]; then
    secret=(--secret "id=ca,src=${BUILD_CA_BUNDLE}")
  fi
  compose_builds >"${STATE_DIR}/builds.tsv"
  while IFS=$'\t' read -r image context dockerfile line; do
    args=()
    if [[ -n ${line} ]]; then
      for arg in ${line}; do args+=(--build-arg "${arg}"); done
    fi
    [[ ${dockerfile} == /* ]] || dockerfile=${context}/${dockerfile}
    started=${SECONDS}
    if ! "${BUILD[@]}" --progress=plain "${secret[@]}" "${args[@]}" --tag "${image}" \
      --file "${dockerfile}" "${context}" >"${STATE_DIR}/build-${image//\//_}.log" 2>&1; then
      tail -n 30 "${STATE_DIR}/build-${image//\//_}.log" >&2
      return 1
    fi
    echo "built ${image} in $((SECONDS - started))s"
  done <"${STATE_DIR}/builds.tsv"
}

image_size_mb() {
  docker image inspect --format '{{.Size}}' "$1" | awk '{printf "%.0f", $1 / 1000000}'
}
