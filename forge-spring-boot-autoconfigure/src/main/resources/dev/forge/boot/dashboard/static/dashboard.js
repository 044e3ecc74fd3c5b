// FORGE dashboard: plain JavaScript, no build step, no third-party code.
// Every request that changes anything is a POST carrying the page's token in X-Forge-Token.
"use strict";

(function () {
	const token = document.querySelector('meta[name="forge-token"]').content;
	const STATUS_PAGE_SIZE = 15;
	const ROWS_PAGE_SIZE = 50;
	const DRIFT_PAGE_SIZE = 25;
	const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
	const state = { status: null, statusPage: 0, review: null, config: null, jobs: null, jobsTimer: null, backfillReview: null };

	// ---------------------------------------------------------------- helpers

	function el(tag, attributes, ...children) {
		const node = document.createElement(tag);
		for (const [key, value] of Object.entries(attributes || {})) {
			if (value === null || value === undefined || value === false) {
				continue;
			}
			if (key === "class") {
				node.className = value;
			} else if (key.startsWith("on")) {
				node.addEventListener(key.substring(2), value);
			} else {
				node.setAttribute(key, value === true ? "" : value);
			}
		}
		for (const child of children.flat()) {
			if (child !== null && child !== undefined && child !== false) {
				node.append(child instanceof Node ? child : document.createTextNode(String(child)));
			}
		}
		return node;
	}

	function $(id) {
		return document.getElementById(id);
	}

	function formatTime(iso) {
		if (!iso) {
			return "";
		}
		const date = new Date(iso);
		return isNaN(date) ? iso : dateFormat.format(date);
	}

	function cookie(name) {
		const match = document.cookie.split("; ").find((part) => part.startsWith(name + "="));
		return match ? decodeURIComponent(match.substring(name.length + 1)) : null;
	}

	async function api(path, parameters) {
		const options = { headers: { "Accept": "application/json" }, credentials: "same-origin" };
		if (parameters !== undefined) {
			options.method = "POST";
			options.headers["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8";
			options.headers["X-Forge-Token"] = token;
			const springCsrf = cookie("XSRF-TOKEN"); // Spring Security's CookieCsrfTokenRepository, if used
			if (springCsrf) {
				options.headers["X-XSRF-TOKEN"] = springCsrf;
			}
			options.body = new URLSearchParams(parameters);
		}
		const response = await fetch("api/" + path, options);
		let body;
		try {
			body = await response.json();
		} catch (e) {
			body = { error: "HTTP " + response.status + " " + response.statusText };
		}
		if (!response.ok) {
			throw new Error(body.error || ("HTTP " + response.status));
		}
		return body;
	}

	function notice(kind, text) {
		const box = $("notice");
		box.hidden = false;
		box.className = "notice " + kind;
		box.setAttribute("role", kind === "error" ? "alert" : "status");
		box.replaceChildren(text);
		box.scrollIntoView({ block: "nearest" });
	}

	function clearNotice() {
		$("notice").hidden = true;
	}

	async function busy(button, work) {
		if (button) {
			button.disabled = true;
		}
		try {
			return await work();
		} catch (error) {
			notice("error", error.message);
		} finally {
			if (button) {
				button.disabled = false;
			}
		}
	}

	// A tiny SQL highlighter: comments, strings, dollar-quoted bodies, quoted identifiers,
	// numbers, keywords and type names become spans; everything else stays text.
	const KEYWORDS = new Set(("select from where and or not null is in as on join left right inner outer full cross using " +
		"insert into values update set delete create alter drop table column index unique primary key foreign references " +
		"constraint check default add rename to if exists concurrently cascade restrict begin commit rollback " +
		"transaction with returning group by order having limit offset distinct union all case when then else end " +
		"truncate grant revoke view sequence schema type enum extension valid validate only like ilike between " +
		"asc desc nulls first last true false collate lock nowait analyze explain vacuum do language function " +
		"returns trigger for each row execute procedure local statement_timeout lock_timeout show").split(" "));
	const TYPES = new Set(("uuid text varchar char character integer int bigint smallint boolean bool numeric decimal " +
		"real double precision timestamptz timestamp date time interval bytea jsonb json serial bigserial").split(" "));
	const SQL_TOKEN = /(--[^\n]*)|(\/\*[\s\S]*?(?:\*\/|$))|(\$([A-Za-z_][A-Za-z0-9_]*)?\$[\s\S]*?(?:\$\4\$|$))|([Ee]?'(?:[^'\\]|''|\\.)*(?:'|$))|("(?:[^"]|"")*(?:"|$))|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_$]*)/g;

	function highlight(sql) {
		const pre = el("pre", { class: "sql" });
		let last = 0;
		for (const match of sql.matchAll(SQL_TOKEN)) {
			if (match.index > last) {
				pre.append(sql.substring(last, match.index));
			}
			const text = match[0];
			let kind = null;
			if (match[1] || match[2]) {
				kind = "com";
			} else if (match[3] || match[5]) {
				kind = "str";
			} else if (match[6]) {
				kind = "id";
			} else if (match[7]) {
				kind = "num";
			} else if (match[8]) {
				const word = text.toLowerCase();
				kind = KEYWORDS.has(word) ? "kw" : TYPES.has(word) ? "ty" : null;
			}
			pre.append(kind ? el("span", { class: kind }, text) : text);
			last = match.index + text.length;
		}
		if (last < sql.length) {
			pre.append(sql.substring(last));
		}
		return pre;
	}

	// Renders one page of a list and a pager under it; returns the page shown.
	function paginate(items, pageSize, page, renderPage, pager, onPage) {
		const pages = Math.max(1, Math.ceil(items.length / pageSize));
		const current = Math.min(Math.max(page, 0), pages - 1);
		renderPage(items.slice(current * pageSize, (current + 1) * pageSize));
		pager.replaceChildren();
		if (pages > 1) {
			pager.append(
				el("button", { type: "button", class: "small", disabled: current === 0, "data-page": "prev",
					onclick: () => onPage(current - 1) }, "‹ Previous"),
				el("span", {}, `Page ${current + 1} of ${pages} · ${items.length} in all`),
				el("button", { type: "button", class: "small", disabled: current === pages - 1, "data-page": "next",
					onclick: () => onPage(current + 1) }, "Next ›"));
		}
		return current;
	}

	function confirmDialog(title, body, okLabel) {
		const dialog = $("confirm-dialog");
		$("confirm-title").textContent = title;
		$("confirm-body").replaceChildren(...body);
		$("confirm-ok").textContent = okLabel;
		dialog.returnValue = "";
		return new Promise((resolve) => {
			dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
			dialog.showModal();
		});
	}

	// ---------------------------------------------------------------- tabs

	function showTab(button) {
		for (const tab of document.querySelectorAll(".tabs [role=tab]")) {
			const selected = tab === button;
			tab.setAttribute("aria-selected", String(selected));
			$(tab.dataset.panel).hidden = !selected;
		}
		clearNotice();
		if (button.id === "tab-jobs") {
			loadJobs();
		}
		if (button.id === "tab-sql") {
			loadConfig();
		}
	}

	// ---------------------------------------------------------------- migrations

	async function loadStatus() {
		const status = await api("status");
		state.status = status;
		renderStatus();
		await loadAdoption();
	}

	// a database with tables and no FORGE history is adopted by a baseline or a Flyway import
	async function loadAdoption() {
		// the offer is optional: a failure to read it hides it and leaves the status as it is
		const adoption = await api("adoption").catch(() => null);
		$("adopt").hidden = !adoption || (!adoption.canBaseline && !adoption.canImportFlyway);
		if (!adoption) {
			return;
		}
		$("adopt-text").textContent = `This database has ${adoption.tables} tables and views and no FORGE history.`
			+ (adoption.canImportFlyway ? " Flyway migrated it: import its history, or take a baseline." : " Take a baseline to adopt it.");
		$("baseline").hidden = !adoption.canBaseline;
		$("import-flyway").hidden = !adoption.canImportFlyway;
	}

	async function baseline(event) {
		const ok = await confirmDialog("Write a baseline of this database?", [
			el("p", {}, "FORGE writes one migration that creates the current schema and records it as applied without running it."),
			el("p", {}, "From then on, Generate writes only the differences to the models.")], "Baseline");
		if (!ok) {
			return;
		}
		await busy(event.target, async () => {
			const result = await api("baseline", {});
			notice("success", result.message);
			await loadStatus();
		});
	}

	async function importFlyway(event) {
		const locations = el("input", { id: "flyway-locations", value: "classpath:db/migration", size: 40,
			"aria-label": "Where Flyway's files are, comma-separated" });
		const ok = await confirmDialog("Import Flyway's history?", [
			el("p", {}, "FORGE writes a file for each migration in flyway_schema_history and records them as applied without running them."),
			el("p", {}, "Flyway's files are in: ", locations),
			el("p", {}, "flyway_schema_history is not changed.")], "Import from Flyway");
		if (!ok) {
			return;
		}
		await busy(event.target, async () => {
			const result = await api("import-flyway", { locations: locations.value });
			notice("success", result.message);
			await loadStatus();
		});
	}

	function renderStatus() {
		const status = state.status;
		const counts = $("counts");
		counts.replaceChildren();
		for (const [name, count] of Object.entries(status.counts)) {
			if (count > 0) {
				counts.append(el("span", { class: "badge state-" + name }, `${count} ${name.replace("_", " ").toLowerCase()}`));
			}
		}
		const lock = $("lock-holder");
		lock.hidden = !status.lockHolder;
		lock.textContent = status.lockHolder ? "🔒 Migration lock held by " + status.lockHolder : "";
		const migrationNames = status.migrations.map((m) => m.name);
		const general = status.warnings.filter((w) => !migrationNames.some((name) => w.includes(name)));
		$("status-warnings").replaceChildren(...general.map((w) => el("li", {}, w)));
		$("apply-pending").hidden = !status.migrations.some((m) => m.status === "PENDING" || m.status === "FAILED");
		$("rollback").disabled = !status.lastApplied;
		const newestFirst = status.migrations.slice().reverse();
		state.statusPage = paginate(newestFirst, STATUS_PAGE_SIZE, state.statusPage, (page) => {
			const body = $("status-table").tBodies[0];
			body.replaceChildren();
			if (page.length === 0) {
				body.append(el("tr", {}, el("td", { colspan: 6, class: "empty" },
					"No migrations yet. Name a change above and press Generate.")));
			}
			for (const migration of page) {
				// a deferred file's check against the nodes says more than the engine's "waits" line
				const warnings = [migration.contract ? null : migration.waits,
					...status.warnings.filter((w) => w.includes(migration.name))].filter(Boolean);
				const applied = migration.appliedAt !== null;
				body.append(el("tr", { "data-migration": migration.name },
					el("td", { class: "name" }, migration.name),
					el("td", {}, el("span", { class: "badge state-" + migration.status, "data-state": migration.status },
						migration.status.replace("_", " ") + (migration.waits ? " · waits" : ""))),
					el("td", { class: "when", title: migration.appliedAt || "" }, applied ? formatTime(migration.appliedAt) : "—"),
					el("td", { class: "when" }, migration.executionMillis !== null ? migration.executionMillis + " ms" : ""),
					el("td", { class: "warn-text" }, warnings.join("\n") || (migration.hasDown ? "" : "no Down section"),
						migration.contract ? renderContract(migration.contract) : "",
						migration.note ? el("div", { class: "history-note" }, migration.note) : "",
						migration.backfill ? el("div", { class: "backfill-review" }, migration.backfill) : "",
						migration.estimates.length > 0 ? el("ul", { class: "estimates" },
							migration.estimates.map((estimate) => el("li", {}, estimate))) : ""),
					el("td", { class: "right" }, applied ? el("button", { type: "button", class: "small mark-rolled-back",
						title: "Forget that it was applied, after undoing its changes by hand",
						onclick: (event) => markRolledBack(migration.name, event.target) }, "Mark as rolled back") : "")));
			}
		}, $("status-pager"), (page) => {
			state.statusPage = page;
			renderStatus();
		});
		renderNodes(status);
	}

	// What a deferred file removes, and the nodes that still use it or "safe to contract".
	function renderContract(contract) {
		const kind = contract.safe ? "safe" : contract.blockedBy.length > 0 ? "blocked" : "backfill";
		return el("div", { class: "contract contract-" + kind, "data-contract": kind },
			contract.removes.length === 0 ? null : el("div", { class: "removes" }, "Removes ",
				contract.removes.flatMap((name, index) => [index > 0 ? ", " : "", el("code", {}, name)])),
			contract.lines.map((line) => el("div", { class: "contract-line" }, line)),
			contract.next ? el("div", { class: "hint contract-next" }, contract.next) : null);
	}

	// ---------------------------------------------------------------- nodes

	function renderNodes(status) {
		const nodes = status.nodes;
		$("nodes-summary").textContent = `${nodes.length} live · a node expires ${status.nodeTimeoutSeconds} s after` +
			` its last heartbeat · deferred files: ${status.deferredPolicy.toLowerCase()}`;
		const box = $("nodes");
		if (nodes.length === 0) {
			box.replaceChildren(el("p", { class: "empty", id: "nodes-empty" }, "No live nodes. Each application with the" +
				" FORGE starter registers itself here while it runs; the command line's short runs do not."));
			return;
		}
		// what each node uses of what a pending deferred file removes, to mark in its list
		const blocking = new Map();
		for (const migration of status.migrations) {
			for (const blocker of (migration.contract ? migration.contract.blockedBy : [])) {
				blocking.set(blocker.node, (blocking.get(blocker.node) || []).concat(blocker.uses));
			}
		}
		box.replaceChildren(el("table", { class: "grid", id: "nodes-table" },
			el("thead", {}, el("tr", {}, el("th", {}, "Node"), el("th", {}, "Host"), el("th", {}, "PID"),
				el("th", {}, "Started"), el("th", {}, "Last heartbeat"), el("th", {}, "Models use"))),
			el("tbody", {}, nodes.map((node) => renderNode(node, blocking.get(node.id) || [])))));
	}

	function renderNode(node, blocking) {
		const count = node.uses.length;
		return el("tr", { "data-node": node.id, "data-application": node.application },
			el("td", { class: "node-name" }, el("strong", {}, node.application), " ",
				node.version ? el("span", { class: "badge version" }, node.version) : null,
				el("div", { class: "hint node-id" }, node.id),
				node.holdsBack.length > 0 ? el("div", { class: "holds-back" }, "holds back " + node.holdsBack.join(", ")) : null),
			el("td", { class: "host" }, node.host),
			el("td", { class: "pid" }, String(node.pid)),
			el("td", { class: "when", title: node.startedAt }, formatTime(node.startedAt)),
			el("td", { class: "when heartbeat", title: node.heartbeatAt }, formatDuration(node.heartbeatSecondsAgo) + " ago"),
			el("td", { class: "uses" }, count === 0 ? el("span", { class: "hint" }, "no tables") : el("details", {},
				el("summary", {}, count === 1 ? "1 table or column" : `${count} tables and columns`,
					blocking.length > 0 ? el("span", { class: "blocking-count" }, ` · ${blocking.length} removed by a deferred file`) : null),
				el("ul", { class: "uses-list" }, node.uses.map((name) =>
					el("li", { class: blocking.includes(name) ? "blocking" : null }, el("code", {}, name)))))));
	}

	async function generate(event) {
		event.preventDefault();
		const name = $("migration-name").value.trim();
		await busy($("generate"), async () => {
			clearNotice();
			const review = await api("preview", { name });
			state.review = review;
			renderReview(review);
		});
	}

	function renderReview(review) {
		const box = $("review");
		box.hidden = false;
		if (review.empty) {
			box.replaceChildren(el("h2", {}, "Nothing to generate"), el("p", { class: "empty" }, review.message));
			return;
		}
		const breaking = review.breaking.length > 0;
		const children = [
			el("div", { class: "card-head" },
				el("h2", {}, "Review: " + review.name),
				el("span", { class: "badge " + (breaking ? "breaking" : "safe") }, breaking ? "breaking changes" : "safe to apply")),
			el("h3", {}, "Schema diff"),
			el("ul", { class: "changes", id: "review-changes" }, review.changes.map((change) =>
				el("li", {}, el("span", { class: "badge " + (change.breaking ? "breaking" : "safe") }, change.breaking ? "breaking" : "safe"),
					change.description)))
		];
		for (const rename of review.possibleRenames) {
			children.push(el("p", { class: "warn-text" }, `Possible rename: ${rename.table}.${rename.droppedColumn} → ` +
				`${rename.table}.${rename.addedColumn} (both ${rename.type}). Annotate the field with ` +
				`@RenamedFrom("${rename.droppedColumn}") to keep the data.`));
		}
		if (review.warning) {
			children.push(el("pre", { class: "warning-block", id: "breaking-warning" }, review.warning));
		}
		for (const file of review.files) {
			children.push(el("div", { class: "file" },
				el("div", { class: "file-head" }, el("code", {}, review.outputDir + "/" + file.fileName),
					el("span", { class: "hint" }, file.transactional ? "runs in one transaction" : "runs statement by statement (no transaction)")),
				file.header ? el("pre", { class: "notes" }, file.header) : null,
				el("div", { class: "split" },
					el("div", {}, el("h3", {}, "Up"), withId(highlight(file.up), "sql-up")),
					el("div", {}, el("h3", {}, "Down"), withId(highlight(file.down), "sql-down")))));
		}
		const buttons = el("div", { class: "row end" },
			el("button", { type: "button", id: "cancel", onclick: cancelReview }, "Cancel"),
			breaking
				? el("button", { type: "button", id: "apply-anyway", class: "danger", onclick: (e) => apply(true, e.target) }, "Apply Anyway")
				: el("button", { type: "button", id: "apply", class: "ok", onclick: (e) => apply(false, e.target) }, "Apply"));
		if (breaking) {
			buttons.prepend(el("span", { class: "hint" }, "Apply Anyway writes '-- forge:allow-breaking' into the file, so the acceptance is in git."));
		}
		children.push(buttons);
		box.replaceChildren(...children);
		box.scrollIntoView({ block: "start" });
	}

	function withId(node, id) {
		node.classList.add(id);
		return node;
	}

	async function cancelReview() {
		const review = state.review;
		state.review = null;
		$("review").hidden = true;
		$("review").replaceChildren();
		if (review && review.id) {
			await busy(null, async () => {
				const result = await api("cancel", { id: review.id });
				notice("info", result.message);
			});
		}
	}

	async function apply(allowBreaking, button) {
		const review = state.review;
		await busy(button, async () => {
			const result = await api("apply", { id: review.id, allowBreaking: String(allowBreaking) });
			state.review = null;
			$("review").hidden = true;
			notice("success", `Applied ${result.applied.join(", ") || "nothing"} in ${result.durationMillis} ms.\n` +
				`Saved ${result.files.join(", ")}` + (result.allowBreaking ? " with -- forge:allow-breaking." : ".") +
				(result.warnings.length ? "\n" + result.warnings.join("\n") : ""));
		});
		await loadStatus().catch(() => {});
	}

	async function applyPending(event) {
		await busy(event.target, async () => {
			const result = await api("apply-pending", {});
			notice("success", `Applied ${result.applied.join(", ") || "nothing"} in ${result.durationMillis} ms.` +
				(result.warnings.length ? "\n" + result.warnings.join("\n") : ""));
			await loadStatus();
		});
	}

	async function rollback(event) {
		await busy(event.target, async () => {
			const preview = await api("rollback-preview");
			if (!preview.name) {
				notice("info", preview.message);
				return;
			}
			if (!preview.hasDown) {
				notice("error", preview.message);
				return;
			}
			const body = [
				el("p", {}, "This runs the Down section of ", el("code", {}, preview.name),
					` (applied ${formatTime(preview.appliedAt)}) and removes it from the history, in one transaction:`),
				withId(highlight(preview.down.join("\n")), "rollback-sql")
			];
			if (preview.warning) {
				body.push(el("pre", { class: "warning-block", id: "rollback-warning" },
					preview.warning + "\n\n" + preview.dataLoss.map((sql) => "  - " + sql).join("\n")));
			}
			if (!await confirmDialog("Roll back " + preview.name + "?", body, "Roll back")) {
				return;
			}
			const result = await api("rollback", { name: preview.name });
			notice("success", "Rolled back " + result.rolledBack.join(", ") + "." +
				(result.warnings.length ? "\n" + result.warnings.join("\n") : ""));
			await loadStatus();
		});
	}

	async function markRolledBack(name, button) {
		const ok = await confirmDialog("Mark " + name + " as rolled back?", [
			el("p", {}, "Nothing runs: FORGE only forgets that it was applied. Do this after undoing its changes by hand."),
			el("p", {}, "If its file is still there, it shows as pending again.")], "Mark as rolled back");
		if (!ok) {
			return;
		}
		await busy(button, async () => {
			const result = await api("mark-rolled-back", { name });
			notice("success", result.message);
			await loadStatus();
		});
	}

	async function checkDrift(event) {
		await busy(event.target, async () => {
			const report = await api("drift");
			const box = $("drift");
			box.hidden = false;
			const list = el("div", { id: "drift-report" });
			const pager = el("div", { class: "pager" });
			const show = (page) => paginate(report.tables, DRIFT_PAGE_SIZE, page, (tables) => {
				list.replaceChildren();
				for (const table of tables) {
					const lines = table.text.split("\n");
					list.append(el("div", { class: "drift-line " + (table.status === "MATCHES" ? "drift-ok" : "drift-bad") }, lines[0]));
					for (const line of lines.slice(1)) {
						list.append(el("div", { class: "drift-line drift-detail" }, line.trim()));
					}
				}
			}, pager, show);
			show(0);
			const mismatches = report.checksumMismatches.length === 0 ? null : el("div", {},
				el("div", { class: "drift-line drift-bad" }, "✗ applied migration files changed since they ran (checksum mismatch):"),
				report.checksumMismatches.map((file) => el("div", { class: "drift-line drift-detail" }, "- " + file)));
			box.replaceChildren(...[
				el("div", { class: "card-head" },
					el("h2", {}, "Drift ",
						el("span", { class: "badge " + (report.hasDrift ? "breaking" : "safe"), id: "drift-summary" },
							report.hasDrift ? "drift found" : "no drift")),
					el("button", { type: "button", class: "quiet", onclick: () => { box.hidden = true; } }, "Close")),
				list, pager, mismatches].filter((node) => node !== null));
		});
	}

	// ---------------------------------------------------------------- SQL

	async function loadConfig() {
		if (!state.config) {
			state.config = await api("config").catch((error) => {
				notice("error", error.message);
				return null;
			});
		}
		if (state.config) {
			$("sql-off").hidden = state.config.sqlConsole;
			$("sql-on").hidden = !state.config.sqlConsole;
			$("sql-limits").textContent = `· statement timeout ${state.config.statementTimeoutMillis / 1000} s · at most ${state.config.maxRows} rows per result`;
		}
	}

	async function runSql(event) {
		event.preventDefault();
		const sql = $("sql-input").value;
		await busy($("sql-run"), async () => {
			clearNotice();
			const answer = await api("sql", { sql });
			const out = $("sql-results");
			out.replaceChildren(highlight(sql.trim()),
				el("p", { class: "hint" }, `Ran in ${answer.durationMillis} ms, committed.`));
			answer.results.forEach((result, index) => out.append(renderResult(result, index)));
		});
	}

	function renderResult(result, index) {
		if (result.columns === undefined) {
			return el("p", { class: "result" }, `${result.updateCount} row${result.updateCount === 1 ? "" : "s"} affected.`);
		}
		const table = el("table", { class: "grid", "data-result": index },
			el("thead", {}, el("tr", {}, result.columns.map((column) => el("th", {}, column)))), el("tbody"));
		const pager = el("div", { class: "pager" });
		const show = (page) => paginate(result.rows, ROWS_PAGE_SIZE, page, (rows) => {
			table.tBodies[0].replaceChildren(...rows.map((row) => el("tr", {},
				row.map((value) => el("td", {}, value === null ? el("span", { class: "null" }, "null") : value)))));
		}, pager, show);
		show(0);
		return el("div", { class: "result" },
			el("p", { class: "hint" }, `${result.rows.length}${result.truncated ? "+" : ""} row${result.rows.length === 1 ? "" : "s"}` +
				(result.truncated ? ` (only the first ${result.rows.length} are shown)` : "")),
			table, pager);
	}

	// ---------------------------------------------------------------- jobs

	const JOBS_REFRESH_MILLIS = 2000;
	const ACTION_LABELS = { pause: "Pause", resume: "Resume", cancel: "Cancel", retry: "Retry" };

	function jobsTabOpen() {
		return $("tab-jobs").getAttribute("aria-selected") === "true";
	}

	// Reloads the jobs; while the tab is open and a job is PENDING or RUNNING, again every 2 s.
	async function loadJobs() {
		clearTimeout(state.jobsTimer);
		state.jobsTimer = null;
		await busy(null, async () => {
			const answer = await api("jobs");
			state.jobs = answer;
			renderJobs(answer);
			renderDeclared(answer.declared);
			if (answer.jobs.some((job) => job.status === "RUNNING" || job.status === "PENDING")) {
				state.jobsTimer = setTimeout(() => {
					if (jobsTabOpen()) {
						loadJobs();
					}
				}, JOBS_REFRESH_MILLIS);
			}
		});
	}

	function formatDuration(seconds) {
		if (seconds === null || seconds === undefined) {
			return "";
		}
		if (seconds < 60) {
			return seconds + " s";
		}
		const minutes = Math.floor(seconds / 60);
		if (minutes < 60) {
			return `${minutes} min ${seconds % 60} s`;
		}
		return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
	}

	function formatCount(count) {
		return Number(count).toLocaleString("en-GB");
	}

	function renderJobs(answer) {
		const box = $("jobs");
		if (answer.jobs.length === 0) {
			box.replaceChildren(el("p", { class: "empty", id: "jobs-empty" }, answer.message));
			return;
		}
		box.replaceChildren(el("table", { class: "grid", id: "jobs-table" },
			el("thead", {}, el("tr", {}, el("th", {}, "Job"), el("th", {}, "Status"), el("th", { class: "progress-cell" }, "Progress"),
				el("th", {}, "Rate"), el("th", {}, "ETA"), el("th", {}, "Started"), el("th", { class: "right" }, "Actions"))),
			el("tbody", {}, answer.jobs.map(renderJob))));
	}

	function renderJob(job) {
		const total = job.rowsTotal;
		const bar = el("progress", { max: 100, "aria-label": "Progress of " + job.name, "data-rows-done": job.rowsDone });
		if (job.percent !== null) {
			bar.value = job.percent;
		}
		const counts = `${formatCount(job.rowsDone)} of ~${formatCount(total)} rows` +
			(job.percent !== null ? ` (${job.percent}%)` : "") + (job.rowsLeft > 0 && job.status !== "DONE" ? `, ${formatCount(job.rowsLeft)} left` : "");
		return el("tr", { "data-job": job.name },
			el("td", { class: "name" }, job.name, el("div", { class: "hint" }, job.table + (job.options ? " · " + job.options : ""))),
			el("td", {}, el("span", { class: "badge job-" + job.status, "data-state": job.status }, job.status)),
			el("td", { class: "progress-cell" }, bar, el("div", { class: "hint rows" }, counts),
				job.lastError ? el("div", { class: "warn-text last-error" }, job.lastError) : null),
			el("td", { class: "when rate" }, job.rowsPerSecond > 0 ? formatCount(job.rowsPerSecond) + " rows/s" : "—"),
			el("td", { class: "when eta" }, job.etaSeconds !== null ? formatDuration(job.etaSeconds) : "—"),
			el("td", { class: "when", title: job.startedAt || "" }, job.startedAt ? formatTime(job.startedAt) : "—",
				job.finishedAt ? el("div", { class: "hint finished", title: job.finishedAt }, "ended " + formatTime(job.finishedAt)) : null),
			el("td", { class: "right actions-cell" }, job.actions.map((action) => el("button", {
				type: "button", class: "small job-" + action + (action === "cancel" ? " danger-text" : ""),
				"data-action": action, "aria-label": ACTION_LABELS[action] + " " + job.name,
				onclick: (event) => jobAction(action, job.name, event.target) }, ACTION_LABELS[action]))));
	}

	async function jobAction(action, name, button) {
		await busy(button, async () => {
			const job = await api("job-" + action, { name });
			notice("success", `${ACTION_LABELS[action]}: ${job.name} is ${job.status}.`);
		});
		await loadJobs();
	}

	function renderDeclared(declared) {
		const select = $("declared-backfill");
		const none = declared.length === 0;
		$("declared-form").hidden = none;
		$("declared-none").hidden = !none;
		const chosen = select.value;
		select.replaceChildren(...declared.map((backfill) => el("option", {
			value: backfill.name, disabled: !backfill.startable, selected: backfill.name === chosen },
			`${backfill.name} — UPDATE ${backfill.table} WHERE ${backfill.where}` +
				(backfill.status ? ` (${backfill.status})` : ""))));
	}

	async function startDeclared(event) {
		event.preventDefault();
		const name = $("declared-backfill").value;
		if (!name) {
			return;
		}
		await busy($("declared-start"), async () => {
			const job = await api("job-start", { name });
			notice("success", `Started ${job.name}: ${job.status} until a node runs it.`);
		});
		await loadJobs();
	}

	async function reviewBackfill(event) {
		event.preventDefault();
		const parameters = { name: $("backfill-name").value.trim(), sql: $("backfill-sql").value };
		for (const option of ["batch-size", "pause", "max-rows-per-second", "lock-timeout"]) {
			parameters[option] = $("backfill-" + option).value.trim();
		}
		await busy($("backfill-review"), async () => {
			clearNotice();
			await forgetBackfillReview();
			const review = await api("backfill-preview", parameters);
			state.backfillReview = review;
			const box = $("backfill-file");
			box.hidden = false;
			box.replaceChildren(
				el("div", { class: "file-head" }, el("code", { id: "backfill-file-name" }, review.outputDir + "/" + review.fileName),
					el("span", { class: "badge safe" }, "checked")),
				el("ul", { class: "checks", id: "backfill-checks" }, review.checks.map((check) => el("li", {}, check))),
				withId(highlight(review.content), "backfill-content"),
				el("div", { class: "row end" },
					el("span", { class: "hint" }, "Write puts the file into the output directory; nothing runs until it is applied."),
					el("button", { type: "button", id: "backfill-cancel", onclick: cancelBackfillReview }, "Cancel"),
					el("button", { type: "button", id: "backfill-write", class: "ok", onclick: (e) => writeBackfill(e.target) }, "Write file")));
			box.scrollIntoView({ block: "nearest" });
		});
	}

	async function forgetBackfillReview() {
		const review = state.backfillReview;
		state.backfillReview = null;
		if (review) {
			await api("cancel", { id: review.id }).catch(() => {});
		}
	}

	async function cancelBackfillReview() {
		await forgetBackfillReview();
		$("backfill-file").hidden = true;
		$("backfill-file").replaceChildren();
		notice("info", "Cancelled: no file was written.");
	}

	async function writeBackfill(button) {
		const review = state.backfillReview;
		await busy(button, async () => {
			const written = await api("backfill-write", { id: review.id });
			state.backfillReview = null;
			notice("success", written.message);
			const box = $("backfill-file");
			box.replaceChildren(el("p", { id: "backfill-written" }, "Wrote ", el("code", {}, written.file), "."),
				written.pending ? el("div", { class: "row" },
					el("button", { type: "button", id: "backfill-apply", class: "ok", onclick: (e) => applyBackfill(e.target) }, "Apply pending"),
					el("span", { class: "hint" }, "applies every pending migration, as on the Migrations tab")) : null);
		});
	}

	async function applyBackfill(button) {
		await busy(button, async () => {
			const result = await api("apply-pending", {});
			notice("success", `Applied ${result.applied.join(", ") || "nothing"} in ${result.durationMillis} ms.` +
				(result.warnings.length ? "\n" + result.warnings.join("\n") : ""));
			$("backfill-file").hidden = true;
			$("backfill-file").replaceChildren();
		});
		await loadJobs();
		loadStatus().catch(() => {});
	}

	// ---------------------------------------------------------------- start

	document.addEventListener("DOMContentLoaded", () => {
		for (const tab of document.querySelectorAll(".tabs [role=tab]")) {
			tab.addEventListener("click", () => showTab(tab));
		}
		$("generate-form").addEventListener("submit", generate);
		$("apply-pending").addEventListener("click", applyPending);
		$("rollback").addEventListener("click", rollback);
		$("check-drift").addEventListener("click", checkDrift);
		$("refresh").addEventListener("click", (event) => busy(event.target, loadStatus));
		$("baseline").addEventListener("click", baseline);
		$("import-flyway").addEventListener("click", importFlyway);
		$("sql-form").addEventListener("submit", runSql);
		$("jobs-refresh").addEventListener("click", () => loadJobs());
		$("declared-form").addEventListener("submit", startDeclared);
		$("backfill-form").addEventListener("submit", reviewBackfill);
		$("sql-input").addEventListener("keydown", (event) => {
			if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
				runSql(event);
			}
		});
		busy(null, loadStatus).then(() => document.body.setAttribute("data-ready", "true"));
	});
})();
