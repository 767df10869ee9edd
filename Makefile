# UnionHub — two commands: `make run` and `make test`. Everything else is a helper.
SHELL := bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
PY := .venv/bin/python
PORT ?= 8000
VENDOR := unionhub/static/vendor

.PHONY: help run test test-browser lint format bench install vendor messages demo migrate clean

help:
	@echo "make run          安装依赖、迁移、加载演示数据并在 http://127.0.0.1:$(PORT) 启动"
	@echo "make test         安装依赖并运行全部测试 (DATABASE_URL=postgres://... 则在 PostgreSQL 上运行)"
	@echo "make test-browser 只运行浏览器端到端测试 (需要 /usr/bin/chromium)"
	@echo "make lint         ruff format --check + ruff check"
	@echo "make bench        运行基准测试 (bench/)"

# Python environment: a plain venv that holds uv, then uv installs exactly what uv.lock says.
.venv/.synced: pyproject.toml uv.lock
	@test -x $(PY) || python3 -m venv .venv
	@test -x .venv/bin/uv || $(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.8
	.venv/bin/uv sync --frozen --quiet
	@touch $@

install: .venv/.synced

# Front-end libraries from the npm registry, copied into a git-ignored folder: no CDN at run time.
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --silent || npm install --no-audit --no-fund --silent
	mkdir -p $(VENDOR)/{htmx,echarts,tabler,bootstrap,tom-select}
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts/
	cp node_modules/@tabler/core/dist/css/tabler.min.css* node_modules/@tabler/core/dist/js/tabler.min.js* $(VENDOR)/tabler/
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* $(VENDOR)/bootstrap/
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js* node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css* $(VENDOR)/tom-select/
	@touch $@

vendor: $(VENDOR)/.stamp

migrate: install vendor
	$(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py load_demo

# The task worker (large imports, "run now") and the scheduler (periodic jobs: ticket
# escalation, device checks, ...) run beside the web server; all three stop together.
run: demo
	@DEBUG=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	DEBUG=1 $(PY) manage.py run_scheduler & scheduler=$$!; \
	trap "kill $$worker $$scheduler 2>/dev/null" EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install vendor
	$(PY) manage.py makemigrations --check --dry-run >/dev/null || (echo "模型有变更但缺少迁移：请运行 manage.py makemigrations" && exit 1)
	$(PY) -m pytest $(PYTEST_ARGS)

test-browser: install vendor
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

lint: install
	.venv/bin/ruff format --check .
	.venv/bin/ruff check .

format: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Each app keeps its own catalogue in unionhub/<app>/locale/zh_Hans (no shared file to fight over).
# Core's platform apps (unionhub/core/<app>, e.g. core/calendar) keep theirs too.
APPS := $(patsubst unionhub/%/apps.py,%,$(wildcard unionhub/*/apps.py unionhub/core/*/apps.py))
messages: install
	@for app in $(APPS); do \
	  (cd unionhub/$$app && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l zh_Hans --no-obsolete --no-location >/dev/null && \
	   $(CURDIR)/$(PY) $(CURDIR)/manage.py compilemessages -l zh_Hans >/dev/null) || exit 1; \
	done
	@echo "catalogues updated: $(APPS)"

bench: install vendor
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf .venv node_modules $(VENDOR) var artifacts
