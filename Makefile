# evidence: `make demo` runs the whole story on SampleData; `make test` runs the test suite.
# Both first check for the C libraries the build needs and install them when running as root.

SHELL      := /bin/bash
SWIFT      ?= swift
DEMO_STORE := out/demo
DEMO_ASOF  := 2026-11-25
BIN        := .build/debug/evidence
RELEASE    := .build/release/evidence
SHARED_GEN := ../shared/bench/gen_bench_data.py
BENCH_DATA := Benchmarks/data

VENV       := .venv

# make install: where the binary, man pages and shell completions go (DESTDIR is honoured).
PREFIX     ?= /usr/local
INSTALL_TO  = $(DESTDIR)$(PREFIX)
MANUAL     := .build/plugins/GenerateManual/outputs/evidence
# Every file install writes, relative to the prefix; the man pages are added from $(MANUAL).
INSTALLED   = bin/evidence share/bash-completion/completions/evidence share/zsh/site-functions/_evidence \
              share/fish/vendor_completions.d/evidence.fish

.PHONY: all deps validator build test demo bench check-html crash-test install uninstall clean fuzz fuzz-all fuzz-build

all: build

## deps: the libxml2, SQLite, zlib, poppler-glib, Tesseract and Leptonica headers and the eng and chi_sim
## language packs (Debian: libxml2-dev, libsqlite3-dev, zlib1g-dev, libpoppler-glib-dev, libtesseract-dev,
## libleptonica-dev, tesseract-ocr-eng, tesseract-ocr-chi-sim, tesseract-ocr, pkg-config)
deps:
	@missing=""; \
	pkg-config --exists libxml-2.0 2>/dev/null || missing="$$missing libxml2-dev pkg-config"; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev pkg-config"; \
	pkg-config --exists poppler-glib 2>/dev/null || missing="$$missing libpoppler-glib-dev pkg-config"; \
	pkg-config --exists tesseract 2>/dev/null || missing="$$missing libtesseract-dev pkg-config"; \
	pkg-config --exists lept 2>/dev/null || missing="$$missing libleptonica-dev pkg-config"; \
	[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || missing="$$missing tesseract-ocr-eng"; \
	[ -f /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || missing="$$missing tesseract-ocr-chi-sim"; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "evidence needs these Debian packages:$$missing"; \
	    echo "Install them with: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

## validator: the Library of Congress `bagit` validator in .venv, for the archive test (skipped without it)
validator:
	@if [ ! -x $(VENV)/bin/bagit.py ]; then \
	  if python3 -m venv $(VENV) >/dev/null 2>&1 && $(VENV)/bin/pip install -q bagit >/dev/null 2>&1; then \
	    echo "Installed the bagit validator in $(VENV)"; \
	  else echo "bagit validator not installed (no python3 venv or PyPI): its test will be skipped"; fi; \
	fi

test: deps validator
	$(SWIFT) build
	$(SWIFT) test

## crash-test: kill import, export, case add and a migration with SIGKILL at 100 random moments
## and check the store after each (make test runs 10 of them)
crash-test: deps
	$(SWIFT) build --build-tests
	@set -o pipefail; EVIDENCE_CRASH_POINTS=$${CRASH_POINTS:-100} $(SWIFT) test --skip-build --filter "killedAtRandomMoments" 2>&1 | \
	  grep -E "crash test:|passed|failed|issue"

## install: a release build of evidence, its man pages and bash, zsh and fish completions under PREFIX
install: deps
	$(SWIFT) build -c release
	$(SWIFT) package generate-manual --multi-page --configuration release >/dev/null
	install -d $(INSTALL_TO)/bin $(INSTALL_TO)/share/man/man1 $(INSTALL_TO)/share/bash-completion/completions \
	  $(INSTALL_TO)/share/zsh/site-functions $(INSTALL_TO)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE) $(INSTALL_TO)/bin/evidence
	install -m 644 $(MANUAL)/*.1 $(INSTALL_TO)/share/man/man1/
	$(RELEASE) --generate-completion-script bash > $(INSTALL_TO)/share/bash-completion/completions/evidence
	$(RELEASE) --generate-completion-script zsh > $(INSTALL_TO)/share/zsh/site-functions/_evidence
	$(RELEASE) --generate-completion-script fish > $(INSTALL_TO)/share/fish/vendor_completions.d/evidence.fish
	@echo "Installed evidence in $(INSTALL_TO)/bin (man evidence; completions for bash, zsh and fish)."

## uninstall: remove exactly what install wrote, and the folders it made that are left empty
uninstall:
	@cd $(INSTALL_TO) 2>/dev/null || { echo "Nothing installed in $(INSTALL_TO)"; exit 0; }; \
	for file in $(INSTALLED); do rm -f "$(INSTALL_TO)/$$file"; done; \
	for page in $(INSTALL_TO)/share/man/man1/evidence.1 $(INSTALL_TO)/share/man/man1/evidence.*.1; do rm -f "$$page"; done; \
	cd $(INSTALL_TO) && rmdir -p --ignore-fail-on-non-empty bin share/man/man1 share/bash-completion/completions \
	  share/zsh/site-functions share/fish/vendor_completions.d 2>/dev/null; \
	echo "Removed evidence from $(INSTALL_TO)"

## demo: import the SampleData story into a fresh store under out/demo and show what it owes
demo: build
	@rm -rf $(DEMO_STORE) && mkdir -p $(DEMO_STORE)
	@echo "== evidence init"
	@$(BIN) init $(DEMO_STORE)
	@echo; echo "== evidence template test (what the Nimbus template reads from a PDF bill, without importing it)"
	@$(BIN) template test SampleData/templates/nimbus-statement.yaml SampleData/pdf/nimbus-2026-11-statement.pdf
	@echo; echo "== evidence import --template SampleData/templates/nimbus-statement.yaml (the November and December PDF bills)"
	@cd $(DEMO_STORE) && ../../$(BIN) import --template ../../SampleData/templates/nimbus-statement.yaml \
	  ../../SampleData/pdf/nimbus-2026-11-statement.pdf ../../SampleData/pdf/nimbus-2026-12-statement.pdf
	@echo; echo "== evidence import SampleData/bills (bill-csv, bill-xml, UBL; the web export with its mapping: November is already in from its PDF)"
	@cd $(DEMO_STORE) && ../../$(BIN) import --mapping ../../SampleData/mappings/nimbus-web-export.yaml ../../SampleData/bills
	@echo; echo "== evidence import SampleData/bank (a bank export, with its mapping)"
	@cd $(DEMO_STORE) && ../../$(BIN) import --mapping ../../SampleData/mappings/first-lakes-bank.yaml ../../SampleData/bank
	@echo; echo "== evidence bank --payments (the QFX repeats the CSV's payments: one record each; the Visa paid Nimbus on 2026-11-28)"
	@cd $(DEMO_STORE) && ../../$(BIN) bank --payments
	@echo; echo "== importing the same folder again adds nothing"
	@cd $(DEMO_STORE) && ../../$(BIN) import ../../SampleData/bills
	@cd $(DEMO_STORE) && ../../$(BIN) account set NIM-4471 --provider "Nimbus Mobile" --plan "Unlimited Everything 5G" \
	  --unlimited-data --monthly-price 65.00 --phone "+13125550187" --time-zone America/Chicago
	@echo; echo "== evidence import SampleData/phone SampleData/email (call log, SMS backup, Nimbus's emails)"
	@cd $(DEMO_STORE) && ../../$(BIN) import ../../SampleData/phone ../../SampleData/email
	@echo; echo "== evidence import SampleData/iphone (the iPhone's own sms.db and CallHistory.storedata: the same history is already stored; a group chat, a FaceTime and a WhatsApp call are new)"
	@cd $(DEMO_STORE) && ../../$(BIN) import ../../SampleData/iphone
	@echo; echo "== evidence import the PDF collection notice (its date and reference number found in its text)"
	@cd $(DEMO_STORE) && ../../$(BIN) import ../../SampleData/pdf/nimbus-collection-notice-2026-11-18.pdf
	@echo; echo "== evidence import SampleData/screenshots (read by OCR: the app's balance page, a chat with its ticket number, a scanned letter)"
	@cd $(DEMO_STORE) && ../../$(BIN) import ../../SampleData/screenshots/nimbus-app-balance-2026-11-20.png \
	  ../../SampleData/screenshots/nimbus-chat-2026-11-21.png ../../SampleData/screenshots/nimbus-letter-scan-2026-11-24.pdf
	@echo; echo "== evidence case add: what Jordan did and what Nimbus answered"
	@cd $(DEMO_STORE) && ../../$(BIN) case add --account NIM-4471 --event cancellation-requested --date 2026-08-10 \
	  --time 10:32 --channel phone --ref CR-88231 --rep Dana --note "asked to cancel effective today"
	@cd $(DEMO_STORE) && ../../$(BIN) case add --account NIM-4471 --event cancellation-acknowledged --date 2026-08-11 \
	  --channel email --ref CR-88231
	@cd $(DEMO_STORE) && ../../$(BIN) case add --account NIM-4471 --event cancellation-confirmed --date 2026-09-03 \
	  --channel email --ref CR-88231 --effective 2026-08-31 --note "cancellation effective 2026-08-31"
	@cd $(DEMO_STORE) && ../../$(BIN) case add --account NIM-4471 --event payment-made --date 2026-09-19 \
	  --amount 102.68 --channel web --note "September bill paid from First Lakes checking"
	@echo; echo "== evidence case list"
	@cd $(DEMO_STORE) && ../../$(BIN) case list
	@echo; echo "== evidence case status --as-of $(DEMO_ASOF)"
	@cd $(DEMO_STORE) && ../../$(BIN) case status --as-of $(DEMO_ASOF)
	@echo; echo "== evidence calls --from 2026-06-01 --to 2026-06-30"
	@cd $(DEMO_STORE) && ../../$(BIN) calls --from 2026-06-01 --to 2026-06-30
	@echo; echo "== evidence messages --from 2026-08-01 --to 2026-08-31"
	@cd $(DEMO_STORE) && ../../$(BIN) messages --from 2026-08-01 --to 2026-08-31
	@echo; echo "== evidence messages --from 2026-05-19 --to 2026-05-20 (the Android backup's text beside the iPhone's group chat)"
	@cd $(DEMO_STORE) && ../../$(BIN) messages --from 2026-05-19 --to 2026-05-20
	@echo; echo "== evidence calls --from 2026-11-15 (the iPhone's FaceTime and WhatsApp calls: kept, never matched against the bill)"
	@cd $(DEMO_STORE) && ../../$(BIN) calls --from 2026-11-15
	@echo; echo "== evidence documents"
	@cd $(DEMO_STORE) && ../../$(BIN) documents
	@echo; echo "== evidence timeline --account NIM-4471"
	@cd $(DEMO_STORE) && ../../$(BIN) timeline --account NIM-4471
	@echo; echo "== evidence rules (what each rule checks; settings in .evidence/config.yaml)"
	@cd $(DEMO_STORE) && ../../$(BIN) rules | grep -E '^[a-z]+\.[a-z-]+  '
	@echo; echo "== evidence flags --as-of $(DEMO_ASOF)"
	@cd $(DEMO_STORE) && ../../$(BIN) flags --as-of $(DEMO_ASOF)
	@echo; echo "== evidence cancel-check --as-of $(DEMO_ASOF) (exit 1: blocked)"
	@cd $(DEMO_STORE) && ../../$(BIN) cancel-check --as-of $(DEMO_ASOF); echo "exit code: $$?"
	@echo; echo "== evidence case add --event dispute-filed --finding ... (the three after-cancellation findings)"
	@cd $(DEMO_STORE) && ../../$(BIN) case add --account NIM-4471 --event dispute-filed --date 2026-11-20 \
	  --ref FCC-2026-11-0042 --channel web --note "FCC informal complaint: billed after the cancellation" \
	  $$(../../$(BIN) flags --rule charge.after-cancellation --as-of $(DEMO_ASOF) --format csv | tail -n +2 | cut -d, -f1 | sed 's/^/--finding /')
	@echo; echo "== evidence cancel-check --as-of $(DEMO_ASOF) (exit 0: the disputed charges are left out)"
	@cd $(DEMO_STORE) && ../../$(BIN) cancel-check --as-of $(DEMO_ASOF); echo "exit code: $$?"
	@cd $(DEMO_STORE) && ../../$(BIN) account set NIM-4471 --holder "Jordan Reyes" >/dev/null
	@echo; echo "== evidence report --format html --out out/demo/report.html (and report.md)"
	@cd $(DEMO_STORE) && ../../$(BIN) report --account NIM-4471 --as-of $(DEMO_ASOF) --format html --out report.html
	@cd $(DEMO_STORE) && ../../$(BIN) report --account NIM-4471 --as-of $(DEMO_ASOF) --format md --out report.md
	@echo; echo "== evidence export --out out/demo/NIM-4471-evidence.zip, then evidence verify"
	@cd $(DEMO_STORE) && ../../$(BIN) export --account NIM-4471 --as-of $(DEMO_ASOF) --out NIM-4471-evidence.zip
	@cd $(DEMO_STORE) && ../../$(BIN) verify NIM-4471-evidence.zip
	@echo; echo "== evidence accounts"
	@cd $(DEMO_STORE) && ../../$(BIN) accounts
	@echo; echo "== evidence ledger --account NIM-4471"
	@cd $(DEMO_STORE) && ../../$(BIN) ledger --account NIM-4471
	@echo; echo "== evidence balance --as-of $(DEMO_ASOF)"
	@cd $(DEMO_STORE) && ../../$(BIN) balance --as-of $(DEMO_ASOF)
	@echo; echo "== evidence check (is the store whole?)"
	@cd $(DEMO_STORE) && ../../$(BIN) check
	@echo; echo "== evidence status --as-of $(DEMO_ASOF) (where it all stands, for a person coming back)"
	@cd $(DEMO_STORE) && ../../$(BIN) status --as-of $(DEMO_ASOF)

## bench: release build; every step beside its yardstick on 1,000,000 bill lines and 1,000,000 calls
bench: deps
	@for tool in sqlite3 xmllint zip /usr/bin/time pdftotext; do command -v $$tool >/dev/null || missing=1; done; \
	/usr/bin/python3 -c "import reportlab" 2>/dev/null || missing=1; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 libxml2-utils zip time poppler-utils \
	  python3-reportlab >/dev/null; fi
	$(SWIFT) build -c release
	@mkdir -p $(BENCH_DATA)
	@if [ ! -f $(BENCH_DATA)/bill_lines.csv ] || [ ! -f $(BENCH_DATA)/calls.xml ]; then \
	  if [ -f $(SHARED_GEN) ]; then python3 $(SHARED_GEN) --out $(BENCH_DATA); \
	  else python3 Benchmarks/gen_bench_data.py --out $(BENCH_DATA); fi; \
	fi
	@Benchmarks/run.sh $(RELEASE) $(BENCH_DATA)

## check-html: render the demo's HTML report with headless Chromium (Debian's chromium) to docs/report.png
check-html: demo
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing chromium"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "check-html needs Debian's chromium: sudo apt-get install -y chromium"; exit 1; fi; }
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,3400 \
	  --screenshot=docs/report.png "file://$(CURDIR)/$(DEMO_STORE)/report.html" 2>/dev/null
	@echo "Wrote docs/report.png: look at it."

clean:
	rm -rf .build out $(BENCH_DATA)

## ---------------------------------------------------------------------------------------------
## Fuzzing (docs/fuzzing.md): libFuzzer with AddressSanitizer over each parser's entry point.
## `make fuzz` builds .build-fuzz/evidence-fuzz; `make fuzz FUZZ_TARGET=ubl FUZZ_SECONDS=600` also
## runs one target; `make fuzz-all FUZZ_SECONDS=600` runs each in turn. Seeds come from
## Tests/Fixtures at run time; corpora, crash inputs and logs go to .fuzz/ (git-ignored).
## `swift build` cannot link an executable whose main is libFuzzer's, so the harness is a library
## target (EvidenceFuzz, Tests/Fuzz) built with coverage and ASan, and Tests/Fuzz/Entry/link-fuzzer.py
## links its libFuzzer entry against the built objects. Every swift build takes the shared lock.
## SwiftPM's `--sanitize address --sanitize fuzzer` hands swiftc `-sanitize=fuzzer -sanitize=address`, and
## swiftc keeps only the last: no coverage, so libFuzzer fuzzes blind. The -Xswiftc comes after them.
FUZZ_TARGETS  := csv-reader bill-csv mapped-csv amount dates bill-xml ubl android-calls android-sms email bag-verify pdf pdf-bill ofx camt053 typedstream ios-messages ios-calls xlsx
FUZZ_TARGET   ?=
FUZZ_SECONDS  ?= 600
FUZZ_SCRATCH  := .build-fuzz
FUZZ_BIN      := $(FUZZ_SCRATCH)/evidence-fuzz
FUZZ_DIR      := .fuzz
SWIFT_LOCK    := flock /tmp/evidence-swift.lock nice
FUZZ_MAX_LEN   = $(if $(filter bag-verify pdf pdf-bill,$(1)),262144,65536)
# Fork mode keeps fuzzing after a crash, a timeout or an out-of-memory: every finding of the run is kept.
FUZZ_FLAGS    ?= -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1

fuzz: fuzz-build
	@if [ -n "$(FUZZ_TARGET)" ]; then $(MAKE) --no-print-directory fuzz-run-$(FUZZ_TARGET); fi

fuzz-all: fuzz-build
	@for target in $(FUZZ_TARGETS); do $(MAKE) --no-print-directory fuzz-run-$$target || exit 1; done

fuzz-build: deps
	@command -v python3 >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null; \
	  else echo "make fuzz needs python3: sudo apt-get install -y python3"; exit 1; fi; }
	@resource=$$($(SWIFT)c -print-target-info | python3 -c 'import json,sys; print(json.load(sys.stdin)["paths"]["runtimeResourcePath"])'); \
	ls $$resource/clang/lib/linux/libclang_rt.fuzzer-*.a $$resource/../clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 || { \
	  echo "This Swift toolchain ships no libFuzzer runtime (libclang_rt.fuzzer); the swift.org Linux toolchains do."; exit 1; }
	$(SWIFT_LOCK) $(SWIFT) build --scratch-path $(FUZZ_SCRATCH) --target EvidenceFuzz --sanitize address --sanitize fuzzer \
	  -Xswiftc -sanitize=fuzzer,address
	python3 Tests/Fuzz/Entry/link-fuzzer.py $(FUZZ_SCRATCH) $(FUZZ_BIN) | $(SWIFT_LOCK) xargs -d '\n' $(SWIFT)c 2>&1 \
	  | grep -v 'Cannot export local symbol' || true
	@test -x $(FUZZ_BIN) && echo "Built $(FUZZ_BIN) (targets: $(FUZZ_TARGETS))"

## fuzz-run-TARGET: FUZZ_SECONDS of libFuzzer on one target, at the lowest priority; findings in .fuzz/artifacts/TARGET/
fuzz-run-%:
	@case " $(FUZZ_TARGETS) " in *" $* "*) ;; *) echo "No fuzz target $*; targets: $(FUZZ_TARGETS)"; exit 1;; esac
	@test -x $(FUZZ_BIN) || { echo "Run make fuzz first"; exit 1; }
	@rm -rf $(FUZZ_DIR)/seeds/$* && python3 Tests/Fuzz/Entry/make-seeds.py Tests/Fixtures $(FUZZ_DIR)/seeds
	@mkdir -p $(FUZZ_DIR)/seeds/$* $(FUZZ_DIR)/corpus/$* $(FUZZ_DIR)/artifacts/$* $(FUZZ_DIR)/logs
	@echo "Fuzzing $* for $(FUZZ_SECONDS) s; log: $(FUZZ_DIR)/logs/$*.log"
	@SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Fuzz/Entry/lsan.supp FUZZ_TARGET=$* nice -n 19 $(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) \
	  -timeout=10 -rss_limit_mb=2048 -max_len=$(call FUZZ_MAX_LEN,$*) $(FUZZ_FLAGS) \
	  -artifact_prefix=$(FUZZ_DIR)/artifacts/$*/ $(FUZZ_DIR)/corpus/$* $(FUZZ_DIR)/seeds/$* \
	  >$(FUZZ_DIR)/logs/$*.log 2>&1; status=$$?; \
	grep -E '^#[0-9]+' $(FUZZ_DIR)/logs/$*.log | tail -1; \
	echo "$*: corpus $$(ls $(FUZZ_DIR)/corpus/$* | wc -l) inputs; findings: $$(ls $(FUZZ_DIR)/artifacts/$* | wc -l)"; \
	exit $$status
