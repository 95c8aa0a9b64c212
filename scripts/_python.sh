# Sourced by the start and test scripts: finds a Python 3.12+ and prepares .venv.
# Shims (pyenv) may exist yet fail, so each candidate is run and its version checked.

find_python() {
    local candidates=(python3.14 python3.13 python3.12 python3 python)
    if command -v pyenv >/dev/null 2>&1; then
        local root
        root=$(pyenv root 2>/dev/null) || root=""
        if [ -n "$root" ]; then
            candidates+=($(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV))
        fi
    fi
    candidates+=(/usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12)
    local candidate
    for candidate in "${candidates[@]}"; do
        if "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
            command -v "$candidate" 2>/dev/null || echo "$candidate"
            return 0
        fi
    done
    return 1
}

# Creates .venv (if missing) and installs the project with the given extras spec.
prepare_venv() {
    local extras="$1"
    if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
        local python
        if ! python=$(find_python); then
            echo "Tandem needs Python 3.12 or newer and none was found." >&2
            echo "Install one (e.g. 'apt install python3.12' or 'pyenv install 3.13') and run this again." >&2
            exit 1
        fi
        echo "Using $python ($("$python" --version))"
        rm -rf .venv
        "$python" -m venv .venv
    fi
    local stamp=".venv/.installed$extras"
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -e ".$extras"
        touch "$stamp"
    fi
}
