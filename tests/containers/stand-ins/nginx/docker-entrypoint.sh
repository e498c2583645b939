#!/bin/sh
# What the official image's entrypoint does for `nginx ...`: render the templates with the
# variables defined in the environment (others, like nginx's own $uri, stay as they are).
set -eu

if [ "${1:-}" = nginx ]; then
  template_dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
  suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
  output_dir=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
  if [ -d "${template_dir}" ]; then
    defined_envs=$(env | cut -d= -f1 | grep -E '^[A-Za-z_][A-Za-z0-9_]*$' | sed 's/.*/${&}/' | tr '\n' ' ')
    find "${template_dir}" -follow -type f -name "*${suffix}" | while read -r template; do
      relative=${template#"${template_dir}/"}
      output="${output_dir}/${relative%"${suffix}"}"
      mkdir -p "$(dirname "${output}")"
      echo "stand-in entrypoint: ${template} -> ${output}"
      envsubst "${defined_envs}" <"${template}" >"${output}"
    done
  fi
fi
exec "$@"
