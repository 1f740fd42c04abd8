"""``cablelint server``: the language server, spoken to as an editor speaks to it (a
subprocess, JSON-RPC with Content-Length framing over its standard input and
output), against what ``cablelint check`` says of the same text."""

from __future__ import annotations

import fnmatch
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from tests.conftest import SEED

pytest.importorskip("pygls")

from cablelint.lsp import Positions, whole_edit  # noqa: E402  (after the skip)
from lsprotocol.types import Position as lsp_position  # noqa: E402

TIMEOUT = 60


class Client:
    """A minimal LSP client: requests wait for their response; notifications the
    server sends are kept in order and can be waited for."""

    def __init__(self, cwd: Path, argv: Optional[list[str]] = None) -> None:
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        self.proc = subprocess.Popen(argv or [sys.executable, "-m", "cablelint", "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.messages: queue.Queue[Optional[dict[str, Any]]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.next_id = 0
        self.garbage: Optional[bytes] = None  # what came where a message header was expected
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                header = out.readline()
                if not header:
                    self.messages.put(None)
                    return
                if header == b"\r\n":
                    break
                name, _, value = header.decode("ascii", "replace").partition(":")
                if name.lower() not in ("content-length", "content-type") or not header.endswith(b"\r\n"):
                    self.garbage = header  # (a stricter client than most: none of it is skipped)
                    self.messages.put(None)
                    return
                if name.lower() == "content-length":
                    length = int(value.strip())
            assert length is not None
            self.messages.put(json.loads(out.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def _next(self) -> dict[str, Any]:
        message = self.messages.get(timeout=TIMEOUT)
        assert message is not None, f"not a message header: {self.garbage!r}" if self.garbage else f"the server ended: {self.stderr()}"
        return message

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == self.next_id and "method" not in message:
                assert "error" not in message, message
                return message["result"]
            if "method" in message:
                self.notifications.append(message)

    def take(self, method: str, test: Callable[[Any], bool] = lambda params: True) -> dict[str, Any]:
        """The first message from the server (a notification or a request) *method*
        not yet taken whose params pass *test*."""
        while True:
            for i, message in enumerate(self.notifications):
                if message["method"] == method and test(message.get("params")):
                    del self.notifications[i]
                    return message
            self.notifications.append(self._next())

    def wait(self, method: str, test: Callable[[Any], bool] = lambda params: True) -> Any:
        """The params of the first notification *method* not yet taken that passes *test*."""
        return self.take(method, test)["params"]

    def answer(self, method: str, result: Any) -> Any:
        """Answer the server's request *method* with *result*; its params."""
        message = self.take(method)
        self.send({"id": message["id"], "result": result})
        return message.get("params")

    def diagnostics(self, uri: str, version: Optional[int] = None) -> list[dict[str, Any]]:
        params = self.wait("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and (version is None or p.get("version") == version))
        return list(params["diagnostics"])

    def start(
        self,
        encodings: Optional[list[str]] = None,
        root: Optional[Path] = None,
        workspace: Optional[dict[str, Any]] = None,
        options: Any = None,
        folders: Optional[list[Path]] = None,
        text_document: Optional[dict[str, Any]] = None,
    ) -> dict[str, Any]:
        capabilities: dict[str, Any] = {"workspace": {"workspaceEdit": {"documentChanges": True}, **(workspace or {})}}
        if text_document is not None:
            capabilities["textDocument"] = text_document
        if encodings is not None:
            capabilities["general"] = {"positionEncodings": encodings}
        params: dict[str, Any] = {"processId": os.getpid(), "rootUri": root.as_uri() if root else None, "capabilities": capabilities}
        if folders is not None:
            capabilities["workspace"]["workspaceFolders"] = True
            params["workspaceFolders"] = [{"uri": f.as_uri(), "name": f.name} for f in folders]
        if options is not None:
            params["initializationOptions"] = options
        result = self.request("initialize", params)
        self.notify("initialized", {})
        return dict(result)

    def open(self, path: Path, text: str, version: int = 1) -> list[dict[str, Any]]:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "cable", "version": version, "text": text}})
        return self.diagnostics(path.as_uri(), version)

    def change(self, path: Path, text: str, version: int) -> list[dict[str, Any]]:
        self.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": version}, "contentChanges": [{"text": text}]})
        return self.diagnostics(path.as_uri(), version)

    def actions(self, path: Path, start: tuple[int, int] = (0, 0), end: tuple[int, int] = (10**6, 0), only: Optional[list[str]] = None) -> list[dict[str, Any]]:
        context: dict[str, Any] = {"diagnostics": []}
        if only is not None:
            context["only"] = only
        rng = {"start": {"line": start[0], "character": start[1]}, "end": {"line": end[0], "character": end[1]}}
        return list(self.request("textDocument/codeAction", {"textDocument": {"uri": path.as_uri()}, "range": rng, "context": context}))

    def stop(self) -> int:
        assert self.request("shutdown", None) is None
        self.notify("exit", None)
        return self.proc.wait(timeout=TIMEOUT)

    def stderr(self) -> str:
        if self.proc.poll() is None:
            self.proc.kill()
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = Client(tmp_path)
    yield c
    c.close()


def check(text: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``cablelint check ARGS -`` on *text*, run in *cwd*."""
    return subprocess.run([sys.executable, "-m", "cablelint", "check", "--no-cache", *args, "-"], input=text.encode("utf-8"), capture_output=True, cwd=cwd, check=False)


def check_findings(text: str, cwd: Path) -> list[dict[str, Any]]:
    return list(json.loads(check(text, cwd, "--format", "json").stdout))


def utf16_position(text: str, line: int, column: int) -> dict[str, int]:
    """LSP's position (UTF-16) of a 1-based line and code-point column of check's,
    worked out afresh from the line's text (lines cut at LF: these texts have no CR)."""
    before = text.split("\n")[line - 1][: column - 1]
    return {"line": line - 1, "character": len(before.encode("utf-16-le")) // 2}


def as_check(found: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """check's findings as the server should publish them."""
    severity = {"error": 1, "warning": 2, "info": 3}
    out = []
    for f in found:
        rng = {"start": utf16_position(text, f["line"], f["column"]), "end": utf16_position(text, f["end_line"], f["end_column"])}
        href = f"https://github.com/cablelint/cablelint/blob/main/docs/rules.md#{f['code'].lower()}-{f['name']}"
        out.append({"range": rng, "severity": severity[f["severity"]], "code": f["code"], "codeDescription": {"href": href}, "source": "cablelint", "message": f["message"]})
    return out


def apply(text: str, edits: list[dict[str, Any]], utf16: bool = True) -> str:
    """*text* with LSP text edits applied, as an editor applies them (all at once,
    positions in the text before them)."""
    positions = Positions(text, utf16)

    def offset(pos: dict[str, int]) -> int:
        start = positions.starts[pos["line"]]
        units = 0
        i = start
        while units < pos["character"]:
            units += 2 if utf16 and ord(text[i]) > 0xFFFF else 1
            i += 1
        assert units == pos["character"], "a position inside a character"
        return i

    spans = sorted(((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    (change,) = action["edit"]["documentChanges"]
    assert change["textDocument"]["uri"] == uri
    return list(change["edits"])


SEED_TEXT = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
# the seed with a character outside the BMP (two UTF-16 units) and a CJK one (one)
# early on line 30, before X005's finding at column 984
WIDE = SEED_TEXT.replace("1.(SBU) As noted", "1.(SBU) As \U0001f600\u4e2d noted", 1)


def test_initialize_offers_incremental_sync_code_actions_and_utf16(client: Client) -> None:
    result = client.start()
    caps = result["capabilities"]
    assert caps["positionEncoding"] == "utf-16"
    assert caps["textDocumentSync"]["change"] == 2  # incremental: a range and its text
    assert caps["textDocumentSync"]["openClose"] is True
    assert "source.fixAll.cablelint" in caps["codeActionProvider"]["codeActionKinds"]
    assert result["serverInfo"]["name"] == "cablelint"
    assert client.stop() == 0


@pytest.mark.parametrize(("offered", "chosen"), [(["utf-8", "utf-16", "utf-32"], "utf-32"), (["utf-8"], "utf-16"), (["utf-16"], "utf-16")])
def test_utf32_is_chosen_when_offered_else_utf16(client: Client, offered: list[str], chosen: str) -> None:
    assert client.start(offered)["capabilities"]["positionEncoding"] == chosen
    assert client.stop() == 0


def test_the_seed_gives_check_s_findings(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "09BAMAKO97.cable"
    client.start()
    got = client.open(doc, SEED_TEXT)
    assert got == as_check(check_findings(SEED_TEXT, tmp_path), SEED_TEXT)
    assert len(got) == 16
    first = got[0]
    assert (first["code"], first["severity"], first["range"]) == ("R003", 1, {"start": {"line": 4, "character": 16}, "end": {"line": 4, "character": 23}})
    x005 = next(d for d in got if d["code"] == "X005")
    assert x005["range"]["start"] == {"line": 29, "character": 983}
    assert x005["severity"] == 2
    assert x005["codeDescription"]["href"].endswith("docs/rules.md#x005-ambiguous-reftel")
    assert [d["severity"] for d in got if d["code"] == "P004"] == [3] * 8
    assert client.stop() == 0


def test_positions_count_utf16_units(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "wide.cable"
    client.start()
    got = client.open(doc, WIDE)
    assert got == as_check(check_findings(WIDE, tmp_path), WIDE)
    x005 = next(d for d in got if d["code"] == "X005")
    # check says column 987 (three code points more: the emoji, the CJK character
    # and a space); the emoji is two UTF-16 units
    assert next(f for f in check_findings(WIDE, tmp_path) if f["code"] == "X005")["column"] == 987
    assert x005["range"]["start"] == {"line": 29, "character": 987}
    assert client.stop() == 0


def test_positions_are_code_points_in_utf32(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "wide.cable"
    client.start(["utf-32", "utf-16"])
    got = client.open(doc, WIDE)
    x005 = next(d for d in got if d["code"] == "X005")
    assert x005["range"]["start"] == {"line": 29, "character": 986}
    assert got[0]["range"]["start"] == {"line": 4, "character": 16}
    assert client.stop() == 0


def test_did_change_lints_the_new_text_and_did_close_clears(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    client.start()
    assert len(client.open(doc, SEED_TEXT)) == 16
    changed = SEED_TEXT.replace("1.(SBU) As noted", "1. (SBU) As noted", 1)
    got = client.change(doc, changed, 2)
    assert got == as_check(check_findings(changed, tmp_path), changed)
    assert len(got) == 15
    client.notify("textDocument/didSave", {"textDocument": {"uri": doc.as_uri()}})
    assert len(client.diagnostics(doc.as_uri(), 2)) == 15
    client.notify("textDocument/didClose", {"textDocument": {"uri": doc.as_uri()}})
    assert client.diagnostics(doc.as_uri()) == []
    assert client.actions(doc) == []  # a closed document has none
    assert client.stop() == 0


def test_fix_all_gives_check_fix_s_text(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    client.start()
    for version, text in enumerate((SEED_TEXT, WIDE, WIDE.replace("\n", "\r\n")), start=1):
        if version == 1:
            client.open(doc, text)
        else:
            client.change(doc, text, version)
        expected = check(text, tmp_path, "--fix").stdout.decode("utf-8")
        assert expected != text
        (action,) = client.actions(doc, only=["source.fixAll"])
        assert action["kind"] == "source.fixAll.cablelint"
        assert edits_of(action, doc.as_uri())
        assert apply(text, edits_of(action, doc.as_uri())) == expected
    assert client.stop() == 0


def test_quick_fixes_edit_what_check_fix_edits(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    client.start()
    client.open(doc, WIDE)
    actions = client.actions(doc, only=["quickfix"])
    assert len(actions) == 14  # one for each finding with a safe fix
    assert all(a["kind"] == "quickfix" and a["isPreferred"] for a in actions)
    # every fix of the seed is independent: applied together they give check --fix's text
    edits = [e for a in actions for e in edits_of(a, doc.as_uri())]
    assert apply(WIDE, edits) == check(WIDE, tmp_path, "--fix").stdout.decode("utf-8")
    # only the findings in the range asked about: line 30's paragraph head
    (head,) = client.actions(doc, (29, 0), (29, 3), only=["quickfix"])
    assert head["title"] == "cablelint: fix P004 (paragraph-marker-spacing)"
    assert head["diagnostics"][0]["code"] == "P004"
    assert apply(WIDE, edits_of(head, doc.as_uri())).split("\n")[29].startswith("1. (SBU) As \U0001f600\u4e2d noted")
    assert client.stop() == 0


def test_edits_never_split_a_crlf() -> None:
    positions = Positions("ab\r\ncd", utf16=True)
    edit = positions.edit(2, 3, "")  # the CR of the pair alone
    assert (edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character) == (0, 2, 1, 0)
    assert edit.new_text == "\n"
    edit = whole_edit(positions, "ab\ncd")
    assert apply("ab\r\ncd", [{"range": {"start": {"line": edit.range.start.line, "character": edit.range.start.character}, "end": {"line": edit.range.end.line, "character": edit.range.end.character}}, "newText": edit.new_text}]) == "ab\ncd"


def test_lone_cr_and_form_feed_start_lines_as_lsp_counts_them() -> None:
    positions = Positions("a\rb\r\nc\nd\u2028e", utf16=True)
    assert [(positions.position(o).line, positions.position(o).character) for o in (0, 2, 5, 7, 9)] == [(0, 0), (1, 0), (2, 0), (3, 0), (3, 2)]


@pytest.mark.parametrize(
    "make",
    [
        lambda t: t.replace("As noted", "As\x00noted", 1),  # NUL
        lambda t: t.replace("As noted", "As \ud800 noted", 1),  # a lone surrogate
        lambda t: t.replace("\n", "\r\n"),  # CRLF
        lambda t: t + "A" * 1_000_000 + "\n",  # a 1 MB line
    ],
    ids=["nul", "lone-surrogate", "crlf", "1mb-line"],
)
def test_awkward_texts_give_check_s_findings(client: Client, tmp_path: Path, make: Callable[[str], str]) -> None:
    text = make(SEED_TEXT)
    doc = tmp_path / "odd.cable"
    client.start()
    got = client.open(doc, text)
    # an editor saves a lone surrogate as U+FFFD (one code point, one UTF-16 unit)
    saved = re.sub("[\ud800-\udfff]", "\ufffd", text)
    found = check_findings(saved, tmp_path)
    assert [d["code"] for d in got] == [f["code"] for f in found]
    assert [d["message"] for d in got] == [f["message"] for f in found]
    if "\r\n" not in text:
        assert got == as_check(found, saved)
    else:  # lines as check counts them: the CR is the end of its line for LSP
        assert [(d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in got] == [(f["line"] - 1, f["column"] - 1) for f in found]
    assert client.stop() == 0


def test_an_error_in_linting_is_logged_and_the_server_goes_on(tmp_path: Path) -> None:
    boom = (
        "import sys\n"
        "from cablelint.linter.engine import Linter\n"
        "real = Linter.lint_file\n"
        "def lint_file(self, loaded):\n"
        "    if 'BOOM' in (loaded.text or ''):\n"
        "        raise RuntimeError('boom')\n"
        "    return real(self, loaded)\n"
        "Linter.lint_file = lint_file\n"
        "from cablelint.cli import main\n"
        "main(['server'])\n"
    )
    client = Client(tmp_path, [sys.executable, "-c", boom])
    try:
        client.start()
        doc = tmp_path / "a.cable"
        assert client.open(doc, SEED_TEXT + "BOOM\n") == []
        log = client.wait("window/logMessage")
        assert log["type"] == 1
        assert "internal error while linting" in log["message"] and "RuntimeError: boom" in log["message"]
        assert len(client.change(doc, SEED_TEXT, 2)) == 16  # still serving
        assert client.stop() == 0
    finally:
        client.close()


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/test_plugins.py's plugin, installed for this module's servers."""
    from tests.test_plugins import PLUGIN_MODULE, _install

    return _install(tmp_path_factory.mktemp("plugin"), PLUGIN_MODULE, "mypost_rules:RULES")


def plugin_client(tmp_path: Path, site: Path, mode: str, monkeypatch: pytest.MonkeyPatch) -> Client:
    """A server that has the plugin in *site* installed, behaving as *mode* says."""
    monkeypatch.setenv("MYPOST_MODE", mode)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    return Client(tmp_path)


def test_a_plugin_rule_that_raises_is_logged_in_check_s_words(plugin_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_plugins import _test_cable

    cable = _test_cable(tmp_path)
    client = plugin_client(tmp_path, plugin_site, "raise", monkeypatch)
    try:
        client.start()
        found = client.open(cable, cable.read_text(encoding="utf-8"))
        assert found == []  # (a valid cable: the plugin rule's finding is lost to its bug)
        log = client.wait("window/logMessage")
        assert (log["type"], log["message"]) == (
            1,
            f"cablelint: rule ZZ101 from plugin entry point 'mypost' (mypost_rules:RULES) failed on {cable}:"
            " ValueError: plugin bug in check (a bug in that plugin: report it to its authors)",
        )
        assert client.stop() == 0
    finally:
        client.close()


def _lint_with_the_plugin(site: Path, tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """A server with the plugin (behaving as *mode* says) lints the test cable when
    opened (the plugin's finding comes) and when changed (gone); it stops cleanly.
    The cable and the lines of the server's standard error."""
    from tests.test_plugins import _test_cable

    cable = _test_cable(tmp_path)
    client = plugin_client(tmp_path, site, mode, monkeypatch)
    try:
        client.start()
        found = client.open(cable, cable.read_text(encoding="utf-8"))
        assert [(d["code"], d["range"]["start"]["line"]) for d in found] == [("ZZ101", 19)]
        text = cable.read_text(encoding="utf-8").replace("TEST", "TRY")
        assert client.change(cable, text, 2) == []
        assert client.stop() == 0
        return cable, client.stderr().splitlines()
    finally:
        client.close()


def test_a_plugin_that_prints_does_not_break_the_protocol(plugin_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output is the JSON-RPC stream: what a plugin prints when imported or
    in its rule's check goes to standard error, and the findings still come."""
    cable, stderr = _lint_with_the_plugin(plugin_site, tmp_path, "print", monkeypatch)
    assert stderr == ["mypost rules: loaded"] + [f"mypost rules: checking {cable}"] * 2


def test_a_plugin_that_writes_to_descriptor_1_does_not_break_the_protocol(plugin_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past sys.stdout: a plugin's os.write(1, ...) and a process it starts write to
    the descriptor, which leads to standard error; the protocol has its own copy."""
    cable, stderr = _lint_with_the_plugin(plugin_site, tmp_path, "write-fd", monkeypatch)
    assert stderr == ["mypost rules: loaded"] + [f"mypost rules: checking {cable}", "mypost rules: a child checking"] * 2


def test_a_process_a_plugin_starts_does_not_read_the_client_s_messages(plugin_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is the client's messages: the protocol reads a private copy
    of descriptor 0, and descriptor 0, which a process a plugin starts inherits,
    is the null device."""
    _, stderr = _lint_with_the_plugin(plugin_site, tmp_path, "read-fd", monkeypatch)
    assert stderr == ["mypost rules: a child reads nothing"] * 2


def test_with_standard_error_closed_the_protocol_stays_off_descriptor_1(plugin_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Started with standard error closed (2>&-), the protocol's copy of descriptor
    1 is not 2, which descriptor 1 is then pointed at: a plugin's os.write(1, ...)
    and a process it starts write to the null device, not between the messages."""
    from tests.test_plugins import _test_cable

    cable = _test_cable(tmp_path)
    monkeypatch.setenv("MYPOST_MODE", "write-fd")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(plugin_site), os.environ.get("PYTHONPATH", "")]))
    client = Client(tmp_path, ["sh", "-c", f"exec '{sys.executable}' -m cablelint server 2>&-"])
    try:
        client.start()
        found = client.open(cable, cable.read_text(encoding="utf-8"))
        assert [(d["code"], d["range"]["start"]["line"]) for d in found] == [("ZZ101", 19)]
        assert client.stop() == 0
        assert client.stderr() == ""
    finally:
        client.close()


@pytest.mark.parametrize(("closing", "which"), [("1>&-", "output"), ("0<&-", "input")])
def test_a_server_without_standard_input_or_output_is_a_clear_error(tmp_path: Path, closing: str, which: str) -> None:
    proc = subprocess.run(["sh", "-c", f"exec '{sys.executable}' -m cablelint server {closing}"], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert (proc.returncode, proc.stderr) == (
        2,
        f"cablelint: the language server talks over standard input and output, and standard {which} is closed:"
        " expected an editor (or a client) to start it with both open\n",
    )


def test_a_plugin_changed_on_disk_is_said_once(plugin_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server keeps the rules it imported: a plugin upgraded (its module
    edited here) is said in the log once, when a document is next opened or
    saved, and its old rule still runs."""
    import shutil

    from tests.test_plugins import _test_cable

    site = tmp_path / "site"
    shutil.copytree(plugin_site, site)
    cable = _test_cable(tmp_path)
    other = tmp_path / "other.cable"
    other.write_text(cable.read_text(encoding="utf-8"), encoding="utf-8")
    client = plugin_client(tmp_path, site, "", monkeypatch)
    try:
        client.start()
        assert [d["code"] for d in client.open(cable, cable.read_text(encoding="utf-8"))] == ["ZZ101"]
        module = site / "mypost_rules.py"
        module.write_text(module.read_text(encoding="utf-8").replace("expected a real subject", "expected another subject"), encoding="utf-8")
        found = client.open(other, other.read_text(encoding="utf-8"))
        assert [d["message"] for d in found] == ["subject mentions TEST: expected a real subject"]  # (the rule loaded)
        log = client.wait("window/logMessage")
        assert (log["type"], log["message"]) == (
            2,
            "cablelint: plugin entry point 'mypost' (mypost_rules:RULES) changed on disk since the server started (installed, upgraded, edited or removed):"
            " it keeps the code it loaded: restart it (your editor's command to restart the language server) to use the code as it is now",
        )
        client.notify("textDocument/didSave", {"textDocument": {"uri": other.as_uri()}})
        client.open(tmp_path / "third.cable", other.read_text(encoding="utf-8"))
        assert [n for n in client.notifications if n["method"] == "window/logMessage"] == []  # (said once)
        assert client.stop() == 0
    finally:
        client.close()


def test_a_plugin_changed_before_the_first_document_is_said(plugin_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings given at start (extendSelect) import the plugins before any
    document is opened: the code is stamped before that, so a plugin edited then is
    said at the first document, which the rule as imported still lints."""
    import shutil

    from tests.test_plugins import _test_cable

    site = tmp_path / "site"
    shutil.copytree(plugin_site, site)
    cable = _test_cable(tmp_path)
    client = plugin_client(tmp_path, site, "", monkeypatch)
    try:
        client.start(root=tmp_path, options={"cablelint": {"extendSelect": ["ZZ101"]}})
        module = site / "mypost_rules.py"
        module.write_text(module.read_text(encoding="utf-8").replace("expected a real subject", "expected another subject"), encoding="utf-8")
        found = client.open(cable, cable.read_text(encoding="utf-8"))
        assert [d["message"] for d in found] == ["subject mentions TEST: expected a real subject"]
        log = client.wait("window/logMessage")
        assert (log["type"], log["message"].split(": it keeps")[0]) == (
            2,
            "cablelint: plugin entry point 'mypost' (mypost_rules:RULES) changed on disk since the server started (installed, upgraded, edited or removed)",
        )
        assert client.stop() == 0
    finally:
        client.close()


def test_settings_at_start_with_a_plugin_that_cannot_be_loaded(plugin_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Selectors in initializationOptions are checked against the rules, plugins
    included: one that fails to load no longer fails initialize with an internal
    error; the selectors are kept, and the document's lint says why it cannot be
    linted."""
    from tests.test_plugins import _test_cable

    cable = _test_cable(tmp_path)
    client = plugin_client(tmp_path, plugin_site, "broken", monkeypatch)
    try:
        client.start(root=tmp_path, options={"cablelint": {"extendSelect": ["ZZ101"]}})
        assert client.open(cable, cable.read_text(encoding="utf-8")) == []
        log = client.wait("window/logMessage")
        assert log["message"] == "cablelint: plugin entry point 'mypost' (mypost_rules:RULES): cannot be loaded: RuntimeError: broken plugin"
        assert client.stop() == 0
    finally:
        client.close()


def test_configuration_is_found_from_the_document_s_folder(client: Client, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "drafts").mkdir(parents=True)
    (project / "cablelint.toml").write_text('ignore = ["R003"]\nexclude = ["legacy/*"]\n[per-file-ignores]\n"drafts/*.cable" = ["P004"]\n', encoding="utf-8")
    client.start(root=project)
    top = client.open(project / "a.cable", SEED_TEXT)
    assert "R003" not in {d["code"] for d in top} and "P004" in {d["code"] for d in top}
    draft = client.open(project / "drafts" / "b.cable", SEED_TEXT)
    assert {d["code"] for d in draft} == {"F004", "X005"}
    # as check run on that file finds it
    (project / "drafts" / "b.cable").write_text(SEED_TEXT, encoding="utf-8")
    found = json.loads(subprocess.run([sys.executable, "-m", "cablelint", "check", "--no-cache", "--format", "json", "drafts/b.cable"], capture_output=True, cwd=project, check=False).stdout)
    assert [d["code"] for d in draft] == [f["code"] for f in found]
    # an excluded file is left alone, as check --force-exclude leaves it
    assert client.open(project / "legacy" / "c.cable", SEED_TEXT) == []
    assert "legacy/c.cable is not linted: the configuration's exclude globs match it" in client.wait("window/logMessage")["message"]
    # a broken configuration is said once, and nothing is published
    (project / "cablelint.toml").write_text("ignore = 3\n", encoding="utf-8")
    assert client.change(project / "a.cable", SEED_TEXT, 2) == []
    shown = client.wait("window/showMessage")
    assert "'ignore' must be a list of strings" in shown["message"]
    assert client.stop() == 0


def test_an_excluded_file_is_said_in_the_log_at_each_open_not_at_each_change(client: Client, tmp_path: Path) -> None:
    # a file the exclude globs match gets no findings and no pop-up (ruff's server
    # says nothing; cablelint one line in the log, the editor's output panel):
    # each time it is opened, and when a changed configuration comes to exclude
    # it; not at each change, nor again while a changed configuration still does
    project = tmp_path / "project"
    (project / "legacy").mkdir(parents=True)
    config = project / "cablelint.toml"
    config.write_text('exclude = ["legacy/*"]\n', encoding="utf-8")
    client.start(root=project, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
    client.answer("client/registerCapability", None)
    first, second = project / "legacy" / "a.cable", project / "legacy" / "b.cable"

    def config_changed(text: str) -> None:
        config.write_text(text, encoding="utf-8")
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})

    def said() -> list[str]:
        logged = [m for m in client.notifications if m["method"] == "window/logMessage" and "is not linted" in m["params"]["message"]]
        client.notifications = [m for m in client.notifications if m not in logged]
        assert {m["params"]["type"] for m in logged} <= {3}  # Info
        return [m["params"]["message"] for m in logged]

    def told(path: Path) -> str:
        return f"cablelint: {path} is not linted: the configuration's exclude globs match it"

    assert client.open(first, SEED_TEXT) == []
    assert client.change(first, SEED_TEXT, 2) == []
    assert client.change(first, SEED_TEXT, 3) == []
    assert said() == [told(first)]
    assert client.open(second, SEED_TEXT) == []
    assert said() == [told(second)]
    client.notify("textDocument/didClose", {"textDocument": {"uri": first.as_uri()}})
    assert client.diagnostics(first.as_uri()) == []
    assert client.open(first, SEED_TEXT, 4) == []
    assert said() == [told(first)]
    config_changed('exclude = ["legacy/*"]\nignore = ["R003"]\n')  # still excluded
    assert client.diagnostics(first.as_uri(), 4) == [] and client.diagnostics(second.as_uri(), 1) == []
    assert said() == []
    config_changed("")  # linted
    assert len(client.diagnostics(first.as_uri(), 4)) == 16 and len(client.diagnostics(second.as_uri(), 1)) == 16
    config_changed('exclude = ["legacy/*"]\n')  # excluded again
    assert client.diagnostics(first.as_uri(), 4) == [] and client.diagnostics(second.as_uri(), 1) == []
    client.request("shutdown", None)
    assert sorted(said()) == [told(first), told(second)]
    assert not [m for m in client.notifications if m["method"] == "window/showMessage"]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def shown(client: Client) -> list[str]:
    """The messages shown (window/showMessage) not yet taken, taken."""
    found = [m["params"]["message"] for m in client.notifications if m["method"] == "window/showMessage"]
    client.notifications = [m for m in client.notifications if m["method"] != "window/showMessage"]
    return found


def test_a_configuration_error_is_shown_again_whenever_it_is_a_new_one(client: Client, tmp_path: Path) -> None:
    # shown once for the documents it governs and the keystrokes, and again once
    # a lint got past it, or its file changed since; the client does not watch
    project = tmp_path / "project"
    project.mkdir()
    config = project / "cablelint.toml"
    config.write_text("ignore = 3\n", encoding="utf-8")
    aged(config)
    broken = f"cablelint: {config.resolve()}: 'ignore' must be a list of strings, got 3"
    client.start(root=project)
    a, b = project / "a.cable", project / "b.cable"
    assert client.open(a, SEED_TEXT) == [] and client.open(b, SEED_TEXT) == []
    assert client.change(a, SEED_TEXT, 2) == []
    assert shown(client) == [broken]
    # fixed, then broken again: shown again
    config.write_text('ignore = ["R003"]\n', encoding="utf-8")
    assert len(client.change(a, SEED_TEXT, 3)) == 15
    config.write_text("ignore = 3\n", encoding="utf-8")
    assert client.change(a, SEED_TEXT, 4) == [] and client.change(b, SEED_TEXT, 2) == []
    assert shown(client) == [broken]
    # fixed and broken again between two lints: the file changed since
    config.write_text('ignore = ["R003"]\n', encoding="utf-8")
    config.write_text("ignore = 3\n", encoding="utf-8")
    assert client.change(a, SEED_TEXT, 6) == []
    assert shown(client) == [broken]
    # a config setting naming a broken file, another, then the first again
    ci = project / "ci.toml"
    ci.write_text('select = "R003"\nline-length = 0\n', encoding="utf-8")
    ci_broken = f"cablelint: {ci.resolve()}: 'line-length' must be a whole number of characters (1-10000), got 0"
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"config": str(ci)}}})
    assert client.diagnostics(a.as_uri(), 6) == [] and client.diagnostics(b.as_uri(), 2) == []
    assert shown(client) == [ci_broken]
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {}}})
    assert client.diagnostics(a.as_uri(), 6) == [] and client.diagnostics(b.as_uri(), 2) == []
    assert shown(client) == [broken]
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"config": str(ci)}}})
    assert client.diagnostics(a.as_uri(), 6) == [] and client.diagnostics(b.as_uri(), 2) == []
    client.request("shutdown", None)
    assert shown(client) == [ci_broken]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_server_without_pygls_says_how_to_install_it(tmp_path: Path) -> None:
    blocked = "import sys\nsys.modules['pygls'] = None\nfrom cablelint.cli import main\nmain(['server'])\n"
    proc = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 2
    assert proc.stderr == "cablelint: the language server needs pygls: pip install 'cablelint[lsp]'\n"
    assert proc.stdout == ""


def test_server_takes_stdio_as_clients_pass_it(tmp_path: Path) -> None:
    """VS Code's client (transport stdio) and many editor recipes add --stdio, which
    was a usage error; the server talks over standard input and output either way."""
    client = Client(tmp_path, [sys.executable, "-m", "cablelint", "server", "--stdio"])
    client.start(root=tmp_path)
    assert codes(client.open(tmp_path / "a.cable", SEED_TEXT))[:2] == ["R003", "F004"]
    assert client.stop() == 0


def test_server_refuses_a_log_level_it_does_not_know(tmp_path: Path) -> None:
    """CABLELINT_LOG_LEVEL=loud was read as WARNING without a word, as no other
    CABLELINT_* variable is: it is a one-line error, exit 2, before serving."""
    env = dict(os.environ, CABLELINT_LOG_LEVEL="loud")
    proc = subprocess.run([sys.executable, "-m", "cablelint", "server"], capture_output=True, text=True, cwd=tmp_path, env=env, input="", check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == "cablelint: CABLELINT_LOG_LEVEL='loud' is not a log level: expected DEBUG, INFO, WARNING, ERROR or CRITICAL\n"
    env["CABLELINT_LOG_LEVEL"] = " info "
    proc = subprocess.run([sys.executable, "-m", "cablelint", "server"], capture_output=True, text=True, cwd=tmp_path, env=env, input="", check=False)
    assert proc.returncode == 0 and "cablelint server: INFO: Starting async IO server" in proc.stderr


def codes(found: list[dict[str, Any]]) -> list[str]:
    return [str(d["code"]) for d in found]


def test_settings_from_initialization_options_are_check_s_options(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    client.start(root=tmp_path, options={"cablelint": {"select": ["P", "X005,R003"], "ignore": "R", "lineLength": 40, "dialect": "draft", "strict": True}})
    got = client.open(doc, SEED_TEXT)
    found = json.loads(check(SEED_TEXT, tmp_path, "--format", "json", "--select", "P", "--select", "X005,R003", "--ignore", "R", "--line-length", "40", "--dialect", "draft", "--strict").stdout)
    assert codes(got) == [f["code"] for f in found]
    assert [d["range"] for d in got] == [d["range"] for d in as_check(found, SEED_TEXT)]
    assert set(codes(got)) == {"P004", "X005"}
    assert client.stop() == 0


def test_a_bad_setting_is_shown_once_while_in_force_and_the_rest_is_used(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    bad = {"dialect": "klingon", "ignore": ["P004", "nosuchrule"], "extendSelect": ["F005"], "strict": "yes", "colour": 1, "config": "missing.toml"}
    client.start(root=tmp_path, options={"cablelint": bad})
    shown = [client.wait("window/showMessage")["message"] for _ in range(5)]
    assert shown == [
        "cablelint settings: 'dialect' must be one of telegram, cablegate, markdown, draft, got 'klingon'",
        "cablelint settings: 'ignore': unknown rule selector 'nosuchrule': expected a rule code (H005), a family (H), a rule name (missing-tags-line) or ALL",
        "cablelint settings: 'strict' must be true or false, got 'yes'",
        "cablelint settings: unknown setting 'colour'; known settings: strict, dialect, select, ignore, extendSelect, config, lineLength",
        f"cablelint settings: 'config': no such configuration file: {tmp_path / 'missing.toml'}",
    ]
    got = client.open(doc, SEED_TEXT)
    # the valid rest: extendSelect (F005 is not a default rule) and the good entry
    # of ignore
    assert codes(got) == [f["code"] for f in check_findings_with(SEED_TEXT, tmp_path, "--extend-select", "F005", "--ignore", "P004")]
    assert "F005" in codes(got) and "P004" not in codes(got)
    # the same bad settings again are logged, not shown again
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {**bad, "extendSelect": []}}})
    again = codes(client.diagnostics(doc.as_uri(), 1))
    assert "F005" not in again and "P004" not in again
    assert not [m for m in client.notifications if m["method"] == "window/showMessage"]
    # fixed, then wrong again: shown again (the missing file, now made, is used)
    (tmp_path / "missing.toml").write_text('ignore = ["P004"]\n', encoding="utf-8")
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"config": "missing.toml"}}})
    assert "P004" not in codes(client.diagnostics(doc.as_uri(), 1))
    (tmp_path / "missing.toml").unlink()
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"config": "missing.toml", "dialect": "klingon"}}})
    assert [client.wait("window/showMessage")["message"] for _ in range(2)] == [shown[4], shown[0]]
    client.request("shutdown", None)
    assert not [m for m in client.notifications if m["method"] == "window/showMessage"]
    assert sum("klingon" in m["params"]["message"] for m in client.notifications if m["method"] == "window/logMessage") == 3
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"lineLength": 0}, "cablelint settings: 'lineLength' must be a whole number of characters (1-10000), got 0"),
        ({"lineLength": True}, "cablelint settings: 'lineLength' must be a whole number of characters (1-10000), got True"),
        ({"select": " , "}, "cablelint settings: 'select' names no rule: expected codes, family prefixes, names or ALL (leave it out for the default rules)"),
        ({"extendSelect": [3]}, "cablelint settings: 'extendSelect' must be a list of strings, got [3]"),
        ({"select": ["missing-tag-line"]}, "cablelint settings: 'select': unknown rule selector 'missing-tag-line': expected a rule code (H005), a family (H), a rule name (missing-tags-line) or ALL; did you mean 'missing-tags-line'?"),
        (["strict"], "cablelint settings must be an object of name = value, got ['strict']"),
    ],
)
def test_bad_settings_say_what_was_expected(client: Client, tmp_path: Path, settings: Any, message: str) -> None:
    client.start(root=tmp_path, options={"cablelint": settings})
    assert client.wait("window/showMessage") == {"type": 1, "message": message}
    assert len(client.open(tmp_path / "a.cable", SEED_TEXT)) == 16  # the defaults
    assert client.stop() == 0


def test_a_code_action_sees_the_waiting_change(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    client.start()
    client.open(doc, "")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": SEED_TEXT}]})
    # asked before the quiet time is over: the fixes are those of the new text
    (action,) = client.actions(doc, only=["source.fixAll"])
    assert apply(SEED_TEXT, edits_of(action, uri)) == check(SEED_TEXT, tmp_path, "--fix").stdout.decode("utf-8")
    assert len(client.diagnostics(uri, 2)) == 16
    assert client.stop() == 0


def check_findings_with(text: str, cwd: Path, *args: str) -> list[dict[str, Any]]:
    return list(json.loads(check(text, cwd, "--format", "json", *args).stdout))


def test_a_settings_change_relints_the_open_documents(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    other = tmp_path / "b.cable"
    client.start(root=tmp_path)
    assert "P004" in codes(client.open(doc, SEED_TEXT))
    assert "P004" in codes(client.open(other, SEED_TEXT))
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"ignore": ["paragraph-marker-spacing"]}}})
    for path in (doc, other):
        got = client.diagnostics(path.as_uri(), 1)
        assert codes(got) == [f["code"] for f in check_findings_with(SEED_TEXT, tmp_path, "--ignore", "paragraph-marker-spacing")]
        assert "P004" not in codes(got)
    # a configuration file named in the settings, relative to the workspace folder
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "team.toml").write_text('select = ["R003"]\n', encoding="utf-8")
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"config": "sub/team.toml"}}})
    assert codes(client.diagnostics(doc.as_uri(), 1)) == ["R003"]
    assert client.stop() == 0


def test_settings_are_pulled_when_the_client_offers_them(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    client.start(root=tmp_path, workspace={"configuration": True}, options={"cablelint": {"select": ["X"]}})
    params = client.answer("workspace/configuration", [{"select": ["R003"]}])
    assert params == {"items": [{"section": "cablelint"}]}
    assert codes(client.open(doc, SEED_TEXT)) == ["R003"]
    # a change notification without our settings: they are asked for again
    client.notify("workspace/didChangeConfiguration", {"settings": None})
    client.answer("workspace/configuration", [{"select": ["F004"]}])
    assert set(codes(client.diagnostics(doc.as_uri(), 1))) == {"F004"}
    # the client has none: those of initializationOptions
    client.notify("workspace/didChangeConfiguration", {"settings": {}})
    client.answer("workspace/configuration", [None])
    assert set(codes(client.diagnostics(doc.as_uri(), 1))) == {"X005"}
    assert client.stop() == 0


# the server with a quiet time long enough that no pause between the messages of a
# burst (a loaded machine) can pass for one
SLOW = "import cablelint.lsp.server\ncablelint.lsp.server.DEBOUNCE = 2.0\nfrom cablelint.cli import main\nmain(['server'])\n"


def test_a_burst_of_changes_is_linted_once_for_the_newest_text(tmp_path: Path) -> None:
    client = Client(tmp_path, [sys.executable, "-c", SLOW])
    try:
        burst_of_changes(client, tmp_path)
    finally:
        client.close()


def burst_of_changes(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    client.start()
    assert len(client.open(doc, SEED_TEXT)) == 16
    fixed = SEED_TEXT.replace("1.(SBU) As noted", "1. (SBU) As noted", 1)
    burst = [(2, SEED_TEXT + "x\n"), (3, SEED_TEXT), (4, fixed)]
    for version, text in burst:  # as fast as the pipe takes them
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})
    assert client.diagnostics(uri, 4) == as_check(check_findings(fixed, tmp_path), fixed)
    # a save lints at once; then the server has published nothing else
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert len(client.diagnostics(uri, 4)) == 15
    client.request("shutdown", None)
    assert [m for m in client.notifications if m["method"] == "textDocument/publishDiagnostics"] == []
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_a_save_lints_a_waiting_change_at_once(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    client.start()
    client.open(doc, SEED_TEXT)
    fixed = SEED_TEXT.replace("1.(SBU) As noted", "1. (SBU) As noted", 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert len(client.diagnostics(uri, 2)) == 15
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    client.request("shutdown", None)
    # the save took the change: no second lint of version 2 after it
    assert [m for m in client.notifications if m["method"] == "textDocument/publishDiagnostics"] == []
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_a_changed_configuration_file_relints_the_open_documents(client: Client, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    config = project / "cablelint.toml"
    config.write_text('ignore = ["R003"]\n', encoding="utf-8")
    client.start(root=project, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
    params = client.answer("client/registerCapability", None)
    (registration,) = params["registrations"]
    assert registration["method"] == "workspace/didChangeWatchedFiles"
    assert [w["globPattern"] for w in registration["registerOptions"]["watchers"]] == ["**/cablelint.toml", "**/.cablelint.toml", "**/pyproject.toml"]
    doc = project / "a.cable"
    assert "R003" not in codes(client.open(doc, SEED_TEXT))
    config.write_text('select = ["R003"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    assert codes(client.diagnostics(doc.as_uri(), 1)) == ["R003"]
    config.unlink()
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 3}]})
    assert len(client.diagnostics(doc.as_uri(), 1)) == 16
    assert client.stop() == 0


def test_a_changed_configuration_file_forgets_where_linked_folders_led(client: Client, tmp_path: Path) -> None:
    """A document named through a link from outside the project is matched by the
    name it has in the project, worked out once a folder; the server kept that for
    its whole life, so once the link led elsewhere the globs went on matching the
    old name. Reading the configuration again forgets it."""
    project = tmp_path / "project"
    (project / "archive" / "legacy").mkdir(parents=True)
    (project / "legacy").mkdir()
    config = project / "cablelint.toml"
    config.write_text('[per-file-ignores]\n"legacy/*" = ["R003"]\n', encoding="utf-8")
    view = tmp_path / "view"
    view.symlink_to(project, target_is_directory=True)
    client.start(root=tmp_path, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
    client.answer("client/registerCapability", None)
    doc = view / "legacy" / "a.cable"  # project/legacy/a.cable: R003 off
    found = codes(client.open(doc, SEED_TEXT))
    assert "R003" not in found and len(found) == 15
    view.unlink()
    view.symlink_to(project / "archive", target_is_directory=True)  # now project/archive/legacy/a.cable
    config.write_text('[per-file-ignores]\n"legacy/*" = ["R003"]\n\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    assert codes(client.diagnostics(doc.as_uri(), 1)).count("R003") == 1
    assert client.stop() == 0


def test_a_changed_configuration_file_relints_only_the_documents_it_governs(client: Client, tmp_path: Path) -> None:
    # two project roots, each with its pyproject.toml: a change to one relints its
    # documents only (every open document was linted again); a nearer file made
    # relints the documents below it, not those beside it; one made above the
    # files in use, none
    one, two = tmp_path / "one", tmp_path / "two"
    (one / "sub").mkdir(parents=True)
    two.mkdir()
    for root in (one, two):
        (root / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cablelint]\nignore = ["R003"]\n', encoding="utf-8")
    client.start(root=tmp_path, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
    client.answer("client/registerCapability", None)
    a, b, c = one / "a.cable", two / "b.cable", one / "sub" / "c.cable"
    for doc in (a, b, c):
        assert len(client.open(doc, SEED_TEXT)) == 15
    (one / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cablelint]\nselect = ["R003"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": (one / "pyproject.toml").as_uri(), "type": 2}]})
    assert codes(client.diagnostics(a.as_uri(), 1)) == ["R003"]
    assert codes(client.diagnostics(c.as_uri(), 1)) == ["R003"]
    nearer = one / "sub" / "cablelint.toml"
    nearer.write_text('select = ["P004"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": nearer.as_uri(), "type": 1}]})
    found = client.diagnostics(c.as_uri(), 1)
    assert set(codes(found)) == {"P004"}
    assert found == as_check(check_findings(SEED_TEXT, one / "sub"), SEED_TEXT)
    # one above both roots: above the file each document is linted under
    (tmp_path / "cablelint.toml").write_text('select = ["F004"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": (tmp_path / "cablelint.toml").as_uri(), "type": 1}]})
    client.request("shutdown", None)
    assert publishes(client) == []  # b was never linted again, nor a after the nearer file
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def aged(*paths: Path) -> None:
    """Set *paths*' times a day back: a configuration search that looked at them is
    kept by the server (one that looked at something changed within 2 s is not)."""
    for path in paths:
        past = path.stat().st_mtime_ns - 86_400 * 10**9
        os.utime(path, ns=(past, past))


def test_a_configuration_file_made_nearer_is_found_by_a_client_that_does_not_watch(client: Client, tmp_path: Path) -> None:
    # the answer found from a folder upward is kept while the folders looked into
    # and the pyproject.toml files read keep their time and size: a file made in a
    # folder between the document and the file in use changes its folder's time,
    # and a pyproject.toml that gains the table its own
    project = tmp_path / "project"
    deep = project / "sub" / "deep"
    deep.mkdir(parents=True)
    (project / "cablelint.toml").write_text('ignore = ["R003"]\n', encoding="utf-8")
    (deep / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    aged(deep / "pyproject.toml", deep, project / "sub", project)
    client.start(root=project)
    doc = deep / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    assert len(client.change(doc, SEED_TEXT, 2)) == 15  # (the answer kept)
    (project / "sub" / "cablelint.toml").write_text('select = ["P004"]\n', encoding="utf-8")
    assert set(codes(client.change(doc, SEED_TEXT, 3))) == {"P004"}
    aged(project / "sub")
    assert set(codes(client.change(doc, SEED_TEXT, 4))) == {"P004"}
    (deep / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.cablelint]\nselect = ["R003"]\n', encoding="utf-8")
    found = client.change(doc, SEED_TEXT, 5)
    assert codes(found) == ["R003"]
    assert found == as_check(check_findings(SEED_TEXT, deep), SEED_TEXT)
    assert client.stop() == 0


def test_the_kept_configuration_search_sees_a_link_s_target_and_a_file_written_back_with_its_time(client: Client, tmp_path: Path) -> None:
    # the answer kept for a folder holds while what the search looked at keeps
    # its stamp: a cablelint.toml link left dangling is no file, and its target
    # made elsewhere leaves every folder looked into as it was (the link itself
    # is stamped, through it); a pyproject.toml written back with its old time
    # and size (cp -p, rsync -t; a permission change alike) changes its inode's time
    project = tmp_path / "project"
    deep = project / "sub" / "deep"
    deep.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "cablelint.toml").write_text('ignore = ["R003"]\n', encoding="utf-8")
    (project / "sub" / "cablelint.toml").symlink_to(elsewhere / "lint.toml")
    before, after = '[project]\nname = "x"\n# [tool.cablelint] some day, not\n', '[project]\nname = "x"\n[tool.cablelint]\nselect=["P004"]\n'
    assert len(before) == len(after)
    (deep / "pyproject.toml").write_text(before, encoding="utf-8")
    aged(deep / "pyproject.toml", deep, project / "sub", project)
    client.start(root=project)
    doc = deep / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    assert len(client.change(doc, SEED_TEXT, 2)) == 15  # (the answer kept)
    (elsewhere / "lint.toml").write_text('select = ["R003"]\n', encoding="utf-8")
    assert codes(client.change(doc, SEED_TEXT, 3)) == ["R003"]
    (elsewhere / "lint.toml").unlink()
    assert len(client.change(doc, SEED_TEXT, 4)) == 15
    times = (deep / "pyproject.toml").stat()
    (deep / "pyproject.toml").write_text(after, encoding="utf-8")
    os.utime(deep / "pyproject.toml", ns=(times.st_atime_ns, times.st_mtime_ns))
    found = client.change(doc, SEED_TEXT, 5)
    assert set(codes(found)) == {"P004"}
    assert found == as_check(check_findings(SEED_TEXT, deep), SEED_TEXT)
    assert client.stop() == 0


def test_a_configuration_file_written_back_with_its_time_and_size_is_read_again(client: Client, tmp_path: Path) -> None:
    # cp -p, rsync -t: the file in use keeps its time and size, and its inode's
    # change time tells (a client that does not watch files tells nothing)
    project = tmp_path / "project"
    project.mkdir()
    config = project / "cablelint.toml"
    before, after = 'ignore = ["R003"]\n', 'select = ["P004"]\n'
    assert len(before) == len(after)
    config.write_text(before, encoding="utf-8")
    aged(config, project)
    client.start(root=project)
    doc = project / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    assert len(client.change(doc, SEED_TEXT, 2)) == 15  # (the linter kept)
    times = config.stat()
    config.write_text(after, encoding="utf-8")
    os.utime(config, ns=(times.st_atime_ns, times.st_mtime_ns))
    found = client.change(doc, SEED_TEXT, 3)
    assert set(codes(found)) == {"P004"}
    assert found == as_check(check_findings(SEED_TEXT, project), SEED_TEXT)
    assert client.stop() == 0


def test_a_watched_file_s_event_has_the_configuration_found_afresh(client: Client, tmp_path: Path) -> None:
    # a file made whose folder keeps its time (set back here; a file system whose
    # clock ticks coarsely) is told by the client's event
    project = tmp_path / "project"
    sub = project / "sub"
    sub.mkdir(parents=True)
    (project / "cablelint.toml").write_text('ignore = ["R003"]\n', encoding="utf-8")
    aged(sub, project)
    client.start(root=project, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
    client.answer("client/registerCapability", None)
    doc = sub / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    assert len(client.change(doc, SEED_TEXT, 2)) == 15  # (the answer kept)
    times = sub.stat()
    nearer = sub / "cablelint.toml"
    nearer.write_text('select = ["P004"]\n', encoding="utf-8")
    os.utime(sub, ns=(times.st_atime_ns, times.st_mtime_ns))
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": nearer.as_uri(), "type": 1}]})
    assert set(codes(client.diagnostics(doc.as_uri(), 2))) == {"P004"}
    assert client.stop() == 0


def test_a_link_made_nearer_is_a_configuration_file_by_its_name(client: Client, tmp_path: Path) -> None:
    # sub/cablelint.toml -> ../../shared/lint.toml: the client's event names the
    # link, whose real path is not of a configuration file's name
    project = tmp_path / "project"
    sub = project / "sub"
    sub.mkdir(parents=True)
    shared = tmp_path / "shared"
    shared.mkdir()
    (project / "cablelint.toml").write_text('ignore = ["R003"]\n', encoding="utf-8")
    (shared / "lint.toml").write_text('select = ["P004"]\n', encoding="utf-8")
    client.start(root=project, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
    client.answer("client/registerCapability", None)
    doc = sub / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    link = sub / "cablelint.toml"
    link.symlink_to(Path("..", "..", "shared", "lint.toml"))
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": link.as_uri(), "type": 1}]})
    found = client.diagnostics(doc.as_uri(), 1)
    assert set(codes(found)) == {"P004"}
    assert found == as_check(check_findings(SEED_TEXT, sub), SEED_TEXT)
    assert client.stop() == 0


@pytest.mark.parametrize("relative", [False, True])
def test_a_config_setting_s_file_is_watched_too(client: Client, tmp_path: Path, relative: bool) -> None:
    # a configuration file the settings name that **/cablelint.toml and its
    # kind do not cover (another name; outside the workspace folder) is
    # registered too, and again when the settings change
    project = tmp_path / "project"
    (project / "ci").mkdir(parents=True)
    lint = project / "ci" / "lint.toml"
    lint.write_text('ignore = ["R003"]\n', encoding="utf-8")
    outside = tmp_path / "shared" / "cablelint.toml"
    outside.parent.mkdir()
    outside.write_text('select = ["F004"]\n', encoding="utf-8")
    watching = {"dynamicRegistration": True, "relativePatternSupport": relative}
    client.start(root=project, workspace={"didChangeWatchedFiles": watching}, options={"cablelint": {"config": "ci/lint.toml"}})
    base = client.answer("client/registerCapability", None)
    assert [r["id"] for r in base["registrations"]] == ["cablelint-configuration-files"]
    (registration,) = client.answer("client/registerCapability", None)["registrations"]
    assert registration["method"] == "workspace/didChangeWatchedFiles"

    def pattern(path: Path) -> Any:
        path = path.resolve()
        return {"baseUri": path.parent.as_uri(), "pattern": path.name} if relative else path.as_posix()

    assert registration["registerOptions"]["watchers"] == [{"globPattern": pattern(lint)}]
    doc = project / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    lint.write_text('select = ["R003"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": lint.resolve().as_uri(), "type": 2}]})
    assert codes(client.diagnostics(doc.as_uri(), 1)) == ["R003"]
    # another file named: the last registration withdrawn, the new file registered
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"config": str(outside)}}})
    withdrawn = client.answer("client/unregisterCapability", None)
    assert withdrawn == {"unregisterations": [{"id": registration["id"], "method": "workspace/didChangeWatchedFiles"}]}
    (again,) = client.answer("client/registerCapability", None)["registrations"]
    assert again["id"] != registration["id"]
    assert again["registerOptions"]["watchers"] == [{"globPattern": pattern(outside)}]
    assert set(codes(client.diagnostics(doc.as_uri(), 1))) == {"F004"}
    outside.write_text('select = ["P004"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": outside.resolve().as_uri(), "type": 2}]})
    assert set(codes(client.diagnostics(doc.as_uri(), 1))) == {"P004"}
    # none named: withdrawn, nothing registered
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {}}})
    assert client.answer("client/unregisterCapability", None) == {"unregisterations": [{"id": again["id"], "method": "workspace/didChangeWatchedFiles"}]}
    assert len(client.diagnostics(doc.as_uri(), 1)) == 16
    client.request("shutdown", None)
    assert not [m for m in client.notifications if m["method"] == "client/registerCapability"]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


@pytest.mark.parametrize("relative", [False, True])
def test_a_watched_file_s_glob_characters_are_sent_as_question_marks(client: Client, tmp_path: Path, relative: bool) -> None:
    # LSP's glob patterns (3.17) give * ? [ ] { } a meaning and have no escape,
    # and a backslash is not valid in them; the spec leaves open how a class
    # holds ] (clients parse patterns each their own way): each such character
    # is sent as ?, which every client matches as any one character. A near
    # namesake the pattern matches too is reported, and relints nothing
    project = tmp_path / "project"
    project.mkdir()
    shared = tmp_path / "shared [old]{1}"
    shared.mkdir()
    lint, namesake = shared / "lint*?[1].toml", shared / "lint!x(1).toml"
    for path in (lint, namesake):
        path.write_text('ignore = ["R003"]\n', encoding="utf-8")
    watching = {"dynamicRegistration": True, "relativePatternSupport": relative}
    client.start(root=project, workspace={"didChangeWatchedFiles": watching}, options={"cablelint": {"config": str(lint)}})
    client.answer("client/registerCapability", None)
    (registration,) = client.answer("client/registerCapability", None)["registrations"]
    (watcher,) = registration["registerOptions"]["watchers"]
    if relative:
        assert watcher == {"globPattern": {"baseUri": shared.resolve().as_uri(), "pattern": "lint???1?.toml"}}
        assert fnmatch.fnmatchcase(lint.name, watcher["globPattern"]["pattern"])
    else:
        assert watcher == {"globPattern": f"{tmp_path.resolve().as_posix()}/shared ?old??1?/lint???1?.toml"}
        assert fnmatch.fnmatchcase(lint.resolve().as_posix(), watcher["globPattern"])
    doc = project / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    namesake.write_text('select = ["R003"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": namesake.resolve().as_uri(), "type": 2}]})
    lint.write_text('select = ["R003"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": lint.resolve().as_uri(), "type": 2}]})
    assert codes(client.diagnostics(doc.as_uri(), 1)) == ["R003"]
    client.request("shutdown", None)
    assert publishes(client) == []  # the namesake's event relinted nothing
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_a_configuration_file_above_the_workspace_folder_is_watched(client: Client, tmp_path: Path) -> None:
    # a monorepo's subfolder opened: the file found upward lies outside the
    # folder, where **/cablelint.toml does not reach; registered once a document
    # is linted under it, withdrawn once none is
    mono = tmp_path / "mono"
    sub = mono / "sub"
    sub.mkdir(parents=True)
    config = mono / "cablelint.toml"
    config.write_text('ignore = ["R003"]\n', encoding="utf-8")
    client.start(root=sub, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
    assert [r["id"] for r in client.answer("client/registerCapability", None)["registrations"]] == ["cablelint-configuration-files"]
    doc, other = sub / "a.cable", sub / "b.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    (registration,) = client.answer("client/registerCapability", None)["registrations"]
    assert registration["registerOptions"]["watchers"] == [{"globPattern": config.resolve().as_posix()}]
    assert len(client.open(other, SEED_TEXT)) == 15  # the same file: nothing registered again
    config.write_text('select = ["R003"]\n', encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.resolve().as_uri(), "type": 2}]})
    assert codes(client.diagnostics(doc.as_uri(), 1)) == ["R003"]
    assert codes(client.diagnostics(other.as_uri(), 1)) == ["R003"]
    client.notify("textDocument/didClose", {"textDocument": {"uri": doc.as_uri()}})
    client.notify("textDocument/didClose", {"textDocument": {"uri": other.as_uri()}})
    withdrawn = client.answer("client/unregisterCapability", None)
    assert withdrawn == {"unregisterations": [{"id": registration["id"], "method": "workspace/didChangeWatchedFiles"}]}
    client.request("shutdown", None)
    assert not [m for m in client.notifications if m["method"] in ("client/registerCapability", "client/unregisterCapability")]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_a_configuration_file_comes_inside_the_workspace_when_its_folder_is_added(client: Client, tmp_path: Path) -> None:
    # the workspace folders are worked out once, and again when they change: a
    # file found above the one folder opened is watched on its own until its own
    # folder is added (**/cablelint.toml covers it then), and again once removed
    mono = tmp_path / "mono"
    sub = mono / "sub"
    sub.mkdir(parents=True)
    config = mono / "cablelint.toml"
    config.write_text('ignore = ["R003"]\n', encoding="utf-8")
    client.start(root=sub, folders=[sub], workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
    client.answer("client/registerCapability", None)
    doc = sub / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    (registration,) = client.answer("client/registerCapability", None)["registrations"]
    assert registration["registerOptions"]["watchers"] == [{"globPattern": config.resolve().as_posix()}]
    folder = {"uri": mono.as_uri(), "name": "mono"}
    client.notify("workspace/didChangeWorkspaceFolders", {"event": {"added": [folder], "removed": []}})
    withdrawn = client.answer("client/unregisterCapability", None)
    assert withdrawn == {"unregisterations": [{"id": registration["id"], "method": "workspace/didChangeWatchedFiles"}]}
    client.notify("workspace/didChangeWorkspaceFolders", {"event": {"added": [], "removed": [folder]}})
    (again,) = client.answer("client/registerCapability", None)["registrations"]
    assert again["registerOptions"]["watchers"] == [{"globPattern": config.resolve().as_posix()}]
    client.request("shutdown", None)
    assert not [m for m in client.notifications if m["method"] in ("client/registerCapability", "client/unregisterCapability")]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


@pytest.mark.parametrize("refused", ["base", "setting"])
def test_a_registration_the_client_refuses_is_not_counted_on(client: Client, tmp_path: Path, refused: str) -> None:
    # a client that answers client/registerCapability with an error does not
    # watch: the server asks nothing more of it, registers nothing and withdraws
    # nothing, and says so once; a configuration file changed is read at the next lint
    project = tmp_path / "project"
    (project / "ci").mkdir(parents=True)
    lint, other = project / "ci" / "lint.toml", project / "ci" / "other.toml"
    lint.write_text('ignore = ["R003"]\n', encoding="utf-8")
    other.write_text('select = ["R003"]\n', encoding="utf-8")
    client.start(root=project, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}}, options={"cablelint": {"config": "ci/lint.toml"}})

    def refuse() -> dict[str, Any]:
        message = client.take("client/registerCapability")
        client.send({"id": message["id"], "error": {"code": -32601, "message": "no watching here"}})
        return dict(message["params"])

    if refused == "setting":
        assert [r["id"] for r in client.answer("client/registerCapability", None)["registrations"]] == ["cablelint-configuration-files"]
    (registration,) = refuse()["registrations"]
    if refused == "base":
        assert registration["id"] == "cablelint-configuration-files"
    log = client.wait("window/logMessage", lambda p: "refused to watch files" in p["message"])
    assert "no watching here" in log["message"]
    doc = project / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"config": "ci/other.toml"}}})
    assert codes(client.diagnostics(doc.as_uri(), 1)) == ["R003"]
    other.write_text('select = ["P004"]\n', encoding="utf-8")
    assert set(codes(client.change(doc, SEED_TEXT, 2))) == {"P004"}
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {}}})
    assert len(client.diagnostics(doc.as_uri(), 2)) == 16
    client.request("shutdown", None)
    asked = [m["method"] for m in client.notifications if m["method"] in ("client/registerCapability", "client/unregisterCapability")]
    assert asked == []
    assert not [m for m in client.notifications if m["method"] == "window/logMessage" and "refused to watch files" in m["params"]["message"]]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_no_registration_without_the_client_s_leave(client: Client, tmp_path: Path) -> None:
    client.start(root=tmp_path)
    client.open(tmp_path / "a.cable", SEED_TEXT)
    client.request("shutdown", None)
    assert not [m for m in client.notifications if m["method"] in ("client/registerCapability", "workspace/configuration")]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_each_workspace_folder_has_its_own_settings(client: Client, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    (one / "deep").mkdir(parents=True)
    two.mkdir()
    client.start(root=one, workspace={"configuration": True}, folders=[one, two])
    # asked without a scope (documents outside the folders) and for each folder
    params = client.answer("workspace/configuration", [None, {"ignore": ["P004"]}, {"ignore": ["F004", "nosuchrule"]}])
    assert params == {"items": [{"section": "cablelint"}, {"scopeUri": one.as_uri(), "section": "cablelint"}, {"scopeUri": two.as_uri(), "section": "cablelint"}]}
    a, b, c = one / "deep" / "a.cable", two / "b.cable", tmp_path / "c.cable"
    got_a, got_b, got_c = client.open(a, SEED_TEXT), client.open(b, SEED_TEXT), client.open(c, SEED_TEXT)
    assert codes(got_a) == codes(check_findings_with(SEED_TEXT, tmp_path, "--ignore", "P004"))
    assert "P004" not in codes(got_a) and "F004" in codes(got_a)
    assert codes(got_b) == codes(check_findings_with(SEED_TEXT, tmp_path, "--ignore", "F004"))
    assert "F004" not in codes(got_b) and "P004" in codes(got_b)
    assert len(got_c) == 16  # the unscoped answer: none, the defaults
    # folder two's bad entry is said once, naming the folder; its good one is used
    assert client.wait("window/showMessage")["message"].startswith(f"cablelint settings of the workspace folder {two}: 'ignore': unknown rule selector 'nosuchrule'")
    # a change notification, even one carrying settings, has each folder asked again
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"select": ["R003"]}}})
    assert client.answer("workspace/configuration", [{"select": ["X005"]}, {"select": ["F004"]}, None]) == params
    assert set(codes(client.diagnostics(a.as_uri(), 1))) == {"F004"}
    assert len(client.diagnostics(b.as_uri(), 1)) == 16
    assert set(codes(client.diagnostics(c.as_uri(), 1))) == {"X005"}
    # folder two is removed: its document takes the unscoped answer
    client.notify("workspace/didChangeWorkspaceFolders", {"event": {"added": [], "removed": [{"uri": two.as_uri(), "name": "two"}]}})
    asked = client.answer("workspace/configuration", [{"select": ["X005"]}, {"select": ["F004"]}])
    assert asked == {"items": params["items"][:2]}
    assert set(codes(client.diagnostics(b.as_uri(), 1))) == {"X005"}
    client.request("shutdown", None)
    assert not [m for m in client.notifications if m["method"] == "window/showMessage"]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_only_the_documents_whose_settings_change_are_linted_again(client: Client, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    client.start(root=one, workspace={"configuration": True}, folders=[one])
    client.answer("workspace/configuration", [None, {"select": ["X005"]}])
    a, b = one / "a.cable", two / "b.cable"
    assert set(codes(client.open(a, SEED_TEXT))) == {"X005"}
    assert len(client.open(b, SEED_TEXT)) == 16
    # folder two is added, and the client has no settings for it: b keeps the
    # unscoped ones, a its folder's, and neither is linted again
    client.notify("workspace/didChangeWorkspaceFolders", {"event": {"added": [{"uri": two.as_uri(), "name": "two"}], "removed": []}})
    client.answer("workspace/configuration", [None, {"select": ["X005"]}, None])
    # folder two gets settings: b is linted again, a is not
    client.notify("workspace/didChangeConfiguration", {"settings": None})
    client.answer("workspace/configuration", [None, {"select": ["X005"]}, {"select": ["R003"]}])
    assert codes(client.diagnostics(b.as_uri(), 1)) == ["R003"]  # the first since the opening
    client.request("shutdown", None)
    assert not [m for m in client.notifications if m["method"] == "textDocument/publishDiagnostics"]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_a_folder_answered_as_the_unscoped_settings_is_not_named(client: Client, tmp_path: Path) -> None:
    # clients often answer each folder with the same merged settings: one message
    client.start(root=tmp_path, workspace={"configuration": True}, folders=[tmp_path])
    client.answer("workspace/configuration", [{"ignore": ["nosuchrule"]}, {"ignore": ["nosuchrule"]}])
    client.open(tmp_path / "a.cable", SEED_TEXT)
    client.request("shutdown", None)
    shown = [m["params"]["message"] for m in client.notifications if m["method"] == "window/showMessage"]
    assert shown == ["cablelint settings: 'ignore': unknown rule selector 'nosuchrule': expected a rule code (H005), a family (H), a rule name (missing-tags-line) or ALL"]
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_a_document_opened_before_the_settings_come_waits_for_them(client: Client, tmp_path: Path) -> None:
    # as eglot does: didOpen follows initialized at once, before the answer to
    # workspace/configuration; the first diagnostics are those of the settings
    doc = tmp_path / "a.cable"
    client.start(root=tmp_path, workspace={"configuration": True}, folders=[tmp_path])
    client.notify("textDocument/didOpen", {"textDocument": {"uri": doc.as_uri(), "languageId": "cable", "version": 0, "text": SEED_TEXT}})
    client.answer("workspace/configuration", [None, {"select": ["X005"]}])
    first = client.wait("textDocument/publishDiagnostics")
    assert (first["uri"], first["version"], codes(first["diagnostics"])) == (doc.as_uri(), 0, ["X005"])
    assert client.stop() == 0
    assert not [m for m in client.notifications if m["method"] == "textDocument/publishDiagnostics"]


def test_a_client_that_never_answers_for_its_settings_gets_diagnostics(client: Client, tmp_path: Path) -> None:
    # the documents held for the settings are linted after SETTINGS_WAIT without them
    doc = tmp_path / "a.cable"
    client.start(root=tmp_path, workspace={"configuration": True}, options={"cablelint": {"select": ["R003"]}})
    client.take("workspace/configuration")  # never answered
    assert codes(client.open(doc, SEED_TEXT, version=3)) == ["R003"]
    assert client.stop() == 0


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ({"result": 5}, "expected a list of settings, got 5"),
        ({"result": None}, "expected a list of settings, got None"),
        # a string was read as the list of its characters, an object as the list
        # of its keys: each taken for settings, and turned down as such
        ({"result": "select"}, "expected a list of settings, got 'select'"),
        ({"result": {"select": ["P004"]}}, "expected a list of settings, got {'select': ['P004']}"),
        ({"error": {"code": -32603, "message": "no settings here"}}, "no settings here"),
        ({"error": "garbled"}, "an answer that cannot be read: "),
    ],
    ids=["number", "null", "string", "object", "error", "garbled-error"],
)
def test_a_failed_or_garbled_settings_answer_keeps_the_settings_in_force(client: Client, tmp_path: Path, answer: dict[str, Any], why: str) -> None:
    # the request never completed: the documents held for the first answer waited
    # SETTINGS_WAIT, and each later request was dropped; now the settings in
    # force stay and the held documents are linted at once; said once
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    client.start(root=tmp_path, workspace={"configuration": True}, options={"cablelint": {"select": ["R003", "X005"]}})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": SEED_TEXT}})
    asked = client.take("workspace/configuration")
    started = time.monotonic()
    client.send({"id": asked["id"], **answer})
    got = client.diagnostics(uri, 1)
    assert time.monotonic() - started < 1.5  # not SETTINGS_WAIT (2 s) later
    assert [(d["code"], d["range"]["start"]) for d in got] == [("R003", {"line": 4, "character": 16}), ("X005", {"line": 29, "character": 983})]
    for version in (2, 3):  # a later request answered so: the same settings, nothing held
        client.notify("workspace/didChangeConfiguration", {"settings": None})
        asked = client.take("workspace/configuration")
        client.send({"id": asked["id"], **answer})
        assert codes(client.change(doc, SEED_TEXT.replace("1.(SBU)", "1. (SBU)", 1), version)) == ["R003", "X005"]
    client.request("shutdown", None)
    logged = [m["params"]["message"] for m in client.notifications if m["method"] == "window/logMessage"]
    assert len(logged) == 1 and logged[0].startswith(f"cablelint: the client's answer to workspace/configuration cannot be used ({why}")
    assert logged[0].endswith("): the settings in force are kept")
    assert publishes(client) == []
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0
    assert client.stderr() == ""


def test_without_workspace_folders_one_answer_serves_all(client: Client, tmp_path: Path) -> None:
    client.start(root=tmp_path, workspace={"configuration": True})
    assert client.answer("workspace/configuration", [{"ignore": "P004"}]) == {"items": [{"section": "cablelint"}]}
    (tmp_path / "sub").mkdir()
    for doc in (tmp_path / "a.cable", tmp_path / "sub" / "b.cable"):
        assert codes(client.open(doc, SEED_TEXT)) == codes(check_findings_with(SEED_TEXT, tmp_path, "--ignore", "P004"))
    assert client.stop() == 0


def test_a_bad_selector_in_a_list_leaves_the_others(client: Client, tmp_path: Path) -> None:
    client.start(root=tmp_path, options={"cablelint": {"select": ["X005", "no-such-rule,R003"], "ignore": ["nosuchrule"]}})
    shown = [client.wait("window/showMessage")["message"] for _ in range(2)]
    assert shown == [
        "cablelint settings: 'select': unknown rule selector 'no-such-rule': expected a rule code (H005), a family (H), a rule name (missing-tags-line) or ALL",
        "cablelint settings: 'ignore': unknown rule selector 'nosuchrule': expected a rule code (H005), a family (H), a rule name (missing-tags-line) or ALL",
    ]
    got = client.open(tmp_path / "a.cable", SEED_TEXT)
    assert codes(got) == codes(check_findings_with(SEED_TEXT, tmp_path, "--select", "X005,R003"))
    assert set(codes(got)) == {"X005", "R003"}
    assert client.stop() == 0


def publishes(client: Client) -> list[tuple[Optional[int], int]]:
    """The (version, count) of the diagnostics published and not yet taken."""
    return [(m["params"].get("version"), len(m["params"]["diagnostics"])) for m in client.notifications if m["method"] == "textDocument/publishDiagnostics"]


@pytest.mark.parametrize("cause", ["settings", "configuration-file", "settings-answer"])
def test_a_relint_takes_the_change_waiting_for_its_quiet_time(tmp_path: Path, cause: str) -> None:
    # a settings change, a changed configuration file or the first answer for the
    # settings, while a change waits: the newest text is linted (it was dropped,
    # and version 1's findings were published over the editor's version 2)
    client = Client(tmp_path, [sys.executable, "-c", SLOW])
    try:
        doc = tmp_path / "a.cable"
        uri = doc.as_uri()
        fixed = SEED_TEXT.replace("1.(SBU) As noted", "1. (SBU) As noted", 1)
        if cause == "settings-answer":
            client.start(root=tmp_path, workspace={"configuration": True})
            client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": SEED_TEXT}})
        else:
            client.start(root=tmp_path, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
            client.answer("client/registerCapability", None)
            assert len(client.open(doc, SEED_TEXT)) == 16
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
        ignore: tuple[str, ...] = ()
        if cause == "settings":
            client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"ignore": ["X005"]}}})
            ignore = ("--ignore", "X005")
        elif cause == "configuration-file":
            client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": (tmp_path / "cablelint.toml").as_uri(), "type": 1}]})
        else:
            client.answer("workspace/configuration", [{"ignore": ["X005"]}])
            ignore = ("--ignore", "X005")
        got = client.wait("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
        assert got["version"] == 2
        assert got["diagnostics"] == as_check(check_findings_with(fixed, tmp_path, *ignore), fixed)
        (action,) = client.actions(doc, only=["source.fixAll"])
        assert action["edit"]["documentChanges"][0]["textDocument"]["version"] == 2
        assert apply(fixed, edits_of(action, uri)) == check(fixed, tmp_path, "--fix").stdout.decode("utf-8")
        client.request("shutdown", None)
        assert publishes(client) == []  # nothing older after it, no second lint
        client.notify("exit", None)
        assert client.proc.wait(timeout=TIMEOUT) == 0
    finally:
        client.close()


def test_a_change_given_as_ranges_is_applied_to_the_newest_text(client: Client, tmp_path: Path) -> None:
    # incremental sync: each range is applied in turn (it was once taken for the
    # whole text)
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    client.start()
    client.open(doc, WIDE)
    last = WIDE.count("\n")

    def at(line: int, start: int, end: int, text: str) -> dict[str, Any]:
        return {"range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}, "text": text}

    changes = [
        at(29, 2, 2, " "),  # 1.(SBU) -> 1. (SBU): P004 gone
        at(29, 12, 14, ""),  # the emoji after "1. (SBU) As " (two UTF-16 units)
        at(last + 5, 0, 0, "Z"),  # past the last line: at the end of the text
    ]
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": changes})
    text = WIDE
    for change in changes:
        text = apply(text, [{"range": change["range"], "newText": change["text"]}]) if change["range"]["start"]["line"] <= last else text + change["text"]
    assert text.split("\n")[29].startswith("1. (SBU) As \u4e2d noted")
    got = client.diagnostics(uri, 2)
    assert got == as_check(check_findings(text, tmp_path), text)
    x005 = next(d for d in got if d["code"] == "X005")
    assert x005["range"]["start"] == {"line": 29, "character": 986}  # 987: a blank more, the emoji's two units less
    # a change after didClose is ignored: nothing published for the closed document
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": SEED_TEXT}]})
    assert client.actions(doc) == []
    client.request("shutdown", None)
    assert publishes(client) == []
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0
    # pygls logged an error at each such change: a client that never reads
    # standard error blocked the server once the pipe was full
    assert client.stderr() == ""


def lsp_ranges(found: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The LSP ranges (UTF-16) of check's findings on *text*, which may start with a
    byte order mark (check's columns do not count it; LSP's do), its lines cut at
    CR LF, CR or LF, worked out afresh."""
    lines = re.split(r"\r\n|\r|\n", text)
    bom = int(text.startswith("\ufeff"))

    def at(line: int, column: int) -> dict[str, int]:
        before = lines[line - 1][: column - 1 + (bom if line == 1 else 0)]
        return {"line": line - 1, "character": len(before.encode("utf-16-le")) // 2}

    return [{"start": at(f["line"], f["column"]), "end": at(f["end_line"], f["end_column"])} for f in found]


def test_incremental_changes_keep_crlf_the_bom_and_utf16_units(client: Client, tmp_path: Path) -> None:
    # one didChange of several ranges, each in the text the ones before it left:
    # a lone CR put before a CR LF (a line more, the later ranges' lines shifted),
    # a blank, and a character of two UTF-16 units taken out; the BOM is kept
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    client.start()
    client.open(doc, "\ufeff" + WIDE.replace("\n", "\r\n"))

    def at(start: tuple[int, int], end: tuple[int, int], text: str) -> dict[str, Any]:
        return {"range": {"start": {"line": start[0], "character": start[1]}, "end": {"line": end[0], "character": end[1]}}, "text": text}

    changes = [
        at((28, 0), (28, 7), "\r"),  # line 28 is blank: past its end is its end, before the CR LF
        at((30, 2), (30, 2), " "),  # 1.(SBU) -> 1. (SBU), now on line 30
        at((30, 12), (30, 14), ""),  # the emoji after "1. (SBU) As "
    ]
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": changes})
    lines = WIDE.replace("1.(SBU) As \U0001f600", "1. (SBU) As ", 1).split("\n")
    assert lines[28] == ""
    lines[28] = "\r"
    text = "\ufeff" + "\r\n".join(lines)
    got = client.diagnostics(uri, 2)
    doc.write_bytes(text.encode("utf-8"))  # with the BOM, as check reads a file
    found = json.loads(subprocess.run([sys.executable, "-m", "cablelint", "check", "--no-cache", "--format", "json", doc.name], capture_output=True, cwd=tmp_path, check=False).stdout)
    assert [(d["code"], d["range"]) for d in got] == [(f["code"], r) for f, r in zip(found, lsp_ranges(found, text))]
    assert len(got) == len(found) > 0
    x005 = next(d for d in got if d["code"] == "X005")
    # WIDE's (29, 987): a line more, a blank more, the emoji's two units less
    assert x005["range"] == {"start": {"line": 30, "character": 986}, "end": {"line": 30, "character": 992}}
    assert [d["range"]["start"]["line"] for d in got if d["code"] == "P004"][0] == 32  # 2.(SBU), once line 31
    # a whole text, then a range in it, in one message
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "\ufeffVZCZC\r\n"}, at((0, 6), (1, 0), "X")]})
    got = client.diagnostics(uri, 3)
    found = check_findings("VZCZCX", tmp_path)
    assert [(d["code"], d["range"]) for d in got] == [(f["code"], r) for f, r in zip(found, lsp_ranges(found, "\ufeffVZCZCX"))]
    assert {(d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in got} == {(0, 6), (0, 7)}  # check's columns 6 and 7, and the BOM
    assert client.stop() == 0
    assert client.stderr() == ""


def test_a_replaced_range_keeps_the_other_line_starts() -> None:
    # the line starts after a change, updated rather than found again, are those
    # of the new text: every change of every text of up to four characters
    alphabet = ["a", "\r", "\n", "\U0001f600"]
    texts = [""]
    for _ in range(4):
        texts += [t + c for t in texts if len(t) == max(map(len, texts)) for c in alphabet]
    for text in texts:
        positions = Positions(text)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                for new in ["", "\n", "\r", "b\r\nc\r"]:
                    replaced = positions.replaced(start, end, new)
                    edited = text[:start] + new + text[end:]
                    assert (replaced.text, replaced.starts) == (edited, Positions(edited).starts), (text, start, end, new)


def test_utf16_positions_count_the_characters_outside_the_bmp_before_them() -> None:
    # the units before an offset are counted from where the characters outside the
    # BMP sit, found once for the text (each finding of a long line encoded the
    # line up to it again: 8,000 findings on one line took 4.5 s to publish), and
    # an offset is found from a position by halves (a character at a time, a
    # change at the end of a line of a megabyte took 0.15 s)
    import random

    rng = random.Random(7)
    pieces = ["a", "\u00e9", "\u4e2d", "\U0001f600", "\ud800", "\r\n", "\n", "\r"]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))
        for utf16 in (True, False):
            positions = Positions(text, utf16)
            lines = re.split(r"\r\n|\r|\n", text)
            for offset in range(len(text) + 1):
                before = text[:offset]
                line = len(re.findall(r"\r\n|\r|\n", before))
                start = sum(len(x) for x in re.findall(r".*?(?:\r\n|\r(?!\n)|\n)", text, re.S)[:line])
                piece = text[start:offset]
                units = len(piece.encode("utf-16-le", "surrogatepass")) // 2 if utf16 else len(piece)
                position = positions.position(offset)
                if text[offset - 1 : offset + 1] != "\r\n":  # between CR and LF is no position of LSP's
                    assert (position.line, position.character) == (line, units), (text, offset, utf16)
                    assert len(lines) == len(positions.starts)
            # and back: the first offset with as many units before it on its line
            # (inside a character of two units: after it; past the line's end: its end)
            for number, line_text in enumerate(lines):
                for character in range(len(line_text) * 2 + 2):
                    units, at = 0, 0
                    while at < len(line_text) and units < character:
                        units += 2 if utf16 and ord(line_text[at]) > 0xFFFF else 1
                        at += 1
                    assert positions.offset(lsp_position(number, character)) == positions.starts[number] + at, (text, number, character, utf16)


def test_an_lsp_position_is_read_back_as_an_editor_reads_it() -> None:
    positions = Positions("ab\U0001f600c\r\nd\re", utf16=True)
    cases = [((0, 2), 2), ((0, 3), 3), ((0, 4), 3), ((0, 5), 4), ((0, 99), 4), ((1, 1), 7), ((2, 0), 8), ((2, 9), 9), ((7, 0), 9)]
    assert [positions.offset(lsp_position(*p)) for p, _ in cases] == [o for _, o in cases]
    assert Positions("ab\U0001f600c", utf16=False).offset(lsp_position(0, 3)) == 3


def test_a_byte_order_mark_kept_in_the_editor_s_text_is_read_as_check_reads_it(client: Client, tmp_path: Path) -> None:
    # an editor that keeps the file's BOM sends U+FEFF first: check reads it as the
    # encoding, not text (it was linted as text: no R003, four header findings
    # for '\ufeffVZCZC' where check has eight); positions count it, as the editor does
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    client.start()
    got = client.open(doc, "\ufeff" + SEED_TEXT)
    doc.write_bytes(b"\xef\xbb\xbf" + SEED_TEXT.encode("utf-8"))
    found = json.loads(subprocess.run([sys.executable, "-m", "cablelint", "check", "--no-cache", "--format", "json", doc.name], capture_output=True, cwd=tmp_path, check=False).stdout)
    assert got == as_check(found, SEED_TEXT)  # no finding on the first line
    assert got[0]["code"] == "R003"
    (action,) = client.actions(doc, only=["source.fixAll"])
    assert apply("\ufeff" + SEED_TEXT, edits_of(action, uri)) == "\ufeff" + check(SEED_TEXT, tmp_path, "--fix").stdout.decode("utf-8")
    p004 = [a for a in client.actions(doc, (29, 0), (29, 3), only=["quickfix"])]
    assert apply("\ufeff" + SEED_TEXT, edits_of(p004[0], uri)).split("\n")[29].startswith("1. (SBU) As noted")
    got = client.change(doc, "\ufeffVZCZC", 2)
    found = check_findings("VZCZC", tmp_path)
    assert [d["code"] for d in got] == [f["code"] for f in found] == ["A001", "A002", "C001", "H001", "H005", "H008", "R001", "R011"]
    assert {(d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in got} == {(0, 6)}  # check's column 6, and the BOM
    assert client.stop() == 0


def check_file(path: Path) -> list[dict[str, Any]]:
    """check's findings on the file *path*, run from its folder."""
    run = subprocess.run([sys.executable, "-m", "cablelint", "check", "--no-cache", "--format", "json", path.name], capture_output=True, cwd=path.parent, check=False)
    return list(json.loads(run.stdout))


def test_a_file_that_is_not_utf8_gets_check_s_f001(client: Client, tmp_path: Path) -> None:
    # the editor sends decoded text, so F001 was never reported: the server reads
    # the file's bytes at open and at save, and reports F001 where check does when
    # the editor's text is the file's content decoded as check decodes it
    doc = tmp_path / "latin1.cable"
    uri = doc.as_uri()
    data = SEED_TEXT.replace("As noted", "As not\u00e9d", 1).encode("latin-1")
    doc.write_bytes(data)
    text = data.decode("utf-8", "replace")  # as VS Code shows it
    client.start()
    got = client.open(doc, text)
    found = check_file(doc)
    assert got == as_check(found, text)
    (f001,) = [d for d in got if d["code"] == "F001"]
    assert f001["message"] == f"byte 0xE9 at offset {data.index(0xE9)} is not valid UTF-8: expected UTF-8 text (read here as the replacement character U+FFFD)"
    assert f001["range"]["start"] == {"line": 29, "character": 14}
    # never fixed, as check --fix leaves it: no action at all
    assert client.actions(doc) == []
    # a change before it moves it (the offset is the file's, which has not changed)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": {"line": 29, "character": 2}, "end": {"line": 29, "character": 2}}, "text": " "}]})
    moved = client.diagnostics(uri, 2)
    assert [d for d in moved if d["code"] == "F001"] == [{**f001, "range": {"start": {"line": 29, "character": 15}, "end": {"line": 29, "character": 16}}}]
    # a change over it takes it away
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"range": {"start": {"line": 29, "character": 15}, "end": {"line": 29, "character": 16}}, "text": "e"}]})
    assert "F001" not in codes(client.diagnostics(uri, 3))
    # an editor that read the file otherwise (as Latin-1): nothing is said, there
    # is no telling which characters were the bad bytes
    other = tmp_path / "other.cable"
    other.write_bytes(data)
    assert "F001" not in codes(client.open(other, data.decode("latin-1")))
    # saved from the editor: the file is UTF-8 now, and F001 goes
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": text}]})
    assert "F001" in codes(client.diagnostics(uri, 4))  # the whole text: the file's content again
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert "F001" in codes(client.diagnostics(uri, 4))  # the file is still the old one
    doc.write_text(text, encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    after = client.diagnostics(uri, 4)
    assert after == as_check(check_file(doc), text)
    assert "F001" not in codes(after)
    assert client.stop() == 0


PULLS = {"text_document": {"diagnostic": {"dynamicRegistration": False}}, "workspace": {"diagnostics": {"refreshSupport": True}}}


def pull(client: Client, path: Path) -> list[dict[str, Any]]:
    report = client.request("textDocument/diagnostic", {"textDocument": {"uri": path.as_uri()}})
    assert report["kind"] == "full"
    return list(report["items"])


def test_pull_diagnostics_for_a_client_that_asks_for_them(client: Client, tmp_path: Path) -> None:
    # a client that pulls (textDocument/diagnostic) and can be told to pull again
    # gets the findings as answers, and none published (it would show them twice)
    doc = tmp_path / "a.cable"
    caps = client.start(root=tmp_path, text_document=PULLS["text_document"], workspace=PULLS["workspace"])["capabilities"]
    assert caps["diagnosticProvider"] == {"identifier": "cablelint", "interFileDependencies": False, "workspaceDiagnostics": False}
    client.notify("textDocument/didOpen", {"textDocument": {"uri": doc.as_uri(), "languageId": "cable", "version": 1, "text": SEED_TEXT}})
    assert pull(client, doc) == as_check(check_findings(SEED_TEXT, tmp_path), SEED_TEXT)
    # asked at once after a change: the newest text's, not the quiet time's
    fixed = SEED_TEXT.replace("1.(SBU) As noted", "1. (SBU) As noted", 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": doc.as_uri(), "version": 2}, "contentChanges": [{"range": {"start": {"line": 29, "character": 2}, "end": {"line": 29, "character": 2}}, "text": " "}]})
    assert pull(client, doc) == as_check(check_findings(fixed, tmp_path), fixed)
    (action,) = client.actions(doc, only=["source.fixAll"])
    assert apply(fixed, edits_of(action, doc.as_uri())) == check(fixed, tmp_path, "--fix").stdout.decode("utf-8")
    # the settings change what it would answer: the client is told to ask again
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"ignore": ["X005"]}}})
    client.answer("workspace/diagnostic/refresh", None)
    assert pull(client, doc) == as_check(check_findings_with(fixed, tmp_path, "--ignore", "X005"), fixed)
    assert pull(client, tmp_path / "not-open.cable") == []
    # a change the client does not ask after: linted after the quiet time, and
    # the client told to ask again
    client.notify("textDocument/didChange", {"textDocument": {"uri": doc.as_uri(), "version": 3}, "contentChanges": [{"text": SEED_TEXT}]})
    client.answer("workspace/diagnostic/refresh", None)
    assert pull(client, doc) == as_check(check_findings_with(SEED_TEXT, tmp_path, "--ignore", "X005"), SEED_TEXT)
    client.notify("textDocument/didClose", {"textDocument": {"uri": doc.as_uri()}})
    client.request("shutdown", None)
    assert publishes(client) == []
    assert [m["method"] for m in client.notifications] == []  # no refresh for the same findings
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0


def test_a_pull_at_start_waits_for_the_first_settings(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    client.start(root=tmp_path, text_document=PULLS["text_document"], workspace={**PULLS["workspace"], "configuration": True}, options={"cablelint": {"select": ["X005"]}})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": doc.as_uri(), "languageId": "cable", "version": 1, "text": SEED_TEXT}})
    client.send({"id": 99, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": doc.as_uri()}}})
    client.answer("workspace/configuration", [{"select": ["R003"]}])
    assert codes(response(client, lambda m: m.get("id") == 99)["result"]["items"]) == ["R003"]
    assert client.stop() == 0


def test_no_pull_diagnostics_for_a_client_that_cannot_be_told_to_ask_again(client: Client, tmp_path: Path) -> None:
    # without workspace/diagnostic/refresh the client would keep findings the
    # settings since turned off: they are published
    caps = client.start(root=tmp_path, text_document=PULLS["text_document"])["capabilities"]
    assert "diagnosticProvider" not in caps
    assert len(client.open(tmp_path / "a.cable", SEED_TEXT)) == 16
    assert client.stop() == 0


def raw_body(client: Client, body: bytes) -> None:
    assert client.proc.stdin is not None
    client.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    client.proc.stdin.flush()


def response(client: Client, test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The next response (no method) from the server that passes *test*."""
    while True:
        message = client._next()
        if "method" not in message and test(message):
            return message
        client.notifications.append(message)


ACTION = {"textDocument": {"uri": "file:///x.cable"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}


def test_what_a_client_gets_wrong_is_answered_with_json_rpc_s_errors(client: Client, tmp_path: Path) -> None:
    # pygls answered none of these (a client waiting for its answer waited for
    # ever), logged tracebacks and showed "Error in server" in the editor
    client.send({"id": 1, "method": "textDocument/codeAction", "params": ACTION})
    assert response(client, lambda m: m.get("id") == 1)["error"] == {"code": -32002, "message": "textDocument/codeAction: the server is not initialized: expected initialize first"}
    client.notify("textDocument/didOpen", {"textDocument": {"uri": (tmp_path / "a.cable").as_uri(), "languageId": "cable", "version": 1, "text": SEED_TEXT}})
    client.start()
    raw_body(client, b'{"jsonrpc": "2.0", "id": 2, "method": ')
    assert response(client, lambda m: True) == {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "a message that is not JSON: Expecting value: line 1 column 39 (char 38)"}}
    raw_body(client, b"[1, 2]")
    assert response(client, lambda m: True) == {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "expected a JSON-RPC 2.0 message object"}}
    client.send({"id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///x.cable"}}})
    error = response(client, lambda m: m.get("id") == 3)["error"]
    assert error == {"code": -32602, "message": "textDocument/codeAction: invalid params: required field missing @ message.params.range; required field missing @ message.params.context"}
    # the fields named as the protocol names them (they were lsprotocol's: text_document)
    client.send({"id": 6, "method": "textDocument/codeAction", "params": {**ACTION, "textDocument": {}}})
    error = response(client, lambda m: m.get("id") == 6)["error"]
    assert error == {"code": -32602, "message": "textDocument/codeAction: invalid params: required field missing @ message.params.textDocument.uri"}
    client.notify("textDocument/didOpen", {"textDocument": {}})  # ignored, said on standard error
    client.send({"id": 4, "method": "cablelint/nothing", "params": {}})
    assert response(client, lambda m: m.get("id") == 4)["error"]["code"] == -32601
    assert client.actions(tmp_path / "a.cable") == []  # alive; the didOpen before initialize was dropped
    assert client.request("shutdown", None) is None
    client.send({"id": 5, "method": "textDocument/codeAction", "params": ACTION})
    assert response(client, lambda m: m.get("id") == 5)["error"] == {"code": -32600, "message": "textDocument/codeAction: the server is shut down: expected exit"}
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0
    assert publishes(client) == []
    assert [m["method"] for m in client.notifications] == []  # no "Error in server" shown
    assert "Traceback" not in client.stderr()


def with_field(params: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """*params* with the field at *path* (dotted; a number: a list's index) set to *value*."""
    out = json.loads(json.dumps(params))
    *head, last = path.split(".")
    at: Any = out
    for step in head:
        at = at[int(step)] if isinstance(at, list) else at[step]
    at[last] = value
    return out


DIAGNOSTIC = {"range": ACTION["range"], "message": "m"}


@pytest.mark.parametrize(
    ("path", "value", "said"),
    [
        # an optional enum said "expected Optional", an enum its lsprotocol class's name
        ("context.triggerKind", 7, "expected 1 (Invoked), 2 (Automatic) or null, got 7 @ message.params.context.triggerKind"),
        # true is no integer (cattrs read it as 1, Invoked)
        ("context.triggerKind", True, "expected 1 (Invoked), 2 (Automatic) or null, got true @ message.params.context.triggerKind"),
        ("context.diagnostics", [{**DIAGNOSTIC, "tags": [9]}], "expected 1 (Unnecessary) or 2 (Deprecated), got 9 @ message.params.context.diagnostics[0].tags[0]"),
        ("context.diagnostics", [{**DIAGNOSTIC, "severity": "high"}], 'expected 1 (Error), 2 (Warning), 3 (Information), 4 (Hint) or null, got "high" @ message.params.context.diagnostics[0].severity'),
        # "expected int", and a line out of range said of its Position, with no value
        ("range.start.line", "a", 'expected an integer, got "a" @ message.params.range.start.line'),
        ("range.start.line", -1, "expected an integer from 0 to 2147483647, got -1 @ message.params.range.start.line"),
        # "expected Range", or a string taken for a list of its characters (one
        # error for each of them, or none: "only" was ["q", "u", ...])
        ("range.start", 5, "expected an object with line and character, got 5 @ message.params.range.start"),
        ("textDocument", "x" * 100, f'expected an object with uri, got "{"x" * 56}... @ message.params.textDocument'),
        ("context.diagnostics", "x", 'expected a list, got "x" @ message.params.context.diagnostics'),
        ("context.only", "quickfix", 'expected a list or null, got "quickfix" @ message.params.context.only'),
        ("context.only", {"quickfix": True}, 'expected a list or null, got {"quickfix": true} @ message.params.context.only'),
        ("context.diagnostics", [{"range": ACTION["range"]}], "required field missing @ message.params.context.diagnostics[0].message"),
    ],
    ids=["optional-enum", "optional-enum-true", "enum", "optional-enum-string", "integer", "integer-range", "object", "object-long", "list", "optional-list", "object-for-list", "missing"],
)
def test_invalid_params_say_what_the_protocol_allows(client: Client, path: str, value: Any, said: str) -> None:
    client.start()
    client.send({"id": 7, "method": "textDocument/codeAction", "params": with_field(ACTION, path, value)})
    assert response(client, lambda m: m.get("id") == 7)["error"] == {"code": -32602, "message": f"textDocument/codeAction: invalid params: {said}"}
    assert client.stop() == 0
    assert client.stderr() == f"cablelint server: WARNING: textDocument/codeAction: invalid params: {said}\n"


def test_every_field_of_the_protocol_is_described_in_its_terms() -> None:
    # what an invalid-params message says is expected, for the type of each field
    # of each of lsprotocol's structures: never a Python name (Optional, int,
    # str, Union, a class of lsprotocol's)
    import typing

    import attrs
    from lsprotocol import types as lsp

    from cablelint.lsp.faults import expected

    said = set()
    for name in dir(lsp):
        kind = getattr(lsp, name)
        if isinstance(kind, type) and attrs.has(kind):
            hints = typing.get_type_hints(kind)
            said |= {expected(hints[f.name]) for f in attrs.fields(kind)}
    words = {w for s in said for w in re.findall(r"[A-Za-z]+", s)}
    python = {"Optional", "Union", "int", "str", "bool", "float", "Sequence", "List", "Tuple", "Any", "LSPAny", "LSPObject", "NoneType"}
    assert not words & python
    assert not [s for s in said if "_" in s]  # lsprotocol's names: text_document, None_
    assert {"1 (Invoked), 2 (Automatic) or null", "true, false or null", "an integer, a string or null", "an object with start and end", "a list or null"} <= said
    assert "0 (None), 1 (Full) or 2 (Incremental)" in said  # TextDocumentSyncKind.None_


def test_invalid_params_of_initialize_and_of_notifications_say_what_the_protocol_allows(client: Client, tmp_path: Path) -> None:
    # initialize: a field the server reads at fault (a string for a boolean, a
    # number for a URI) refuses it; one it never reads (processId, trace, the
    # client's name and locale, a capability of no concern) is left out, said on
    # standard error, and the server starts; a notification's faults are said on
    # standard error alone (no answer is sent)
    client.send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": 5, "capabilities": {"workspace": {"configuration": "yes"}}}})
    error = response(client, lambda m: m.get("id") == 1)["error"]
    error_1 = 'expected true, false or null, got "yes" @ message.params.capabilities.workspace.configuration; expected a string or null, got 5 @ message.params.rootUri'
    assert error == {"code": -32602, "message": f"initialize: invalid params: {error_1}"}
    client.send({"id": 2, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {"workspace": {"workspaceFolders": True}}, "workspaceFolders": [{"uri": tmp_path.as_uri(), "name": None}]}})
    error_2 = "expected a string, got null @ message.params.workspaceFolders[0].name"
    assert response(client, lambda m: m.get("id") == 2)["error"] == {"code": -32602, "message": f"initialize: invalid params: {error_2}"}
    unread = {
        "processId": "x",
        "trace": "loud",
        "clientInfo": {"name": None, "version": "1"},
        "locale": 5,
        "capabilities": {
            "workspace": {"configuration": False, "workspaceEdit": {"documentChanges": True, "normalizesLineEndings": "yes"}},
            "textDocument": {"synchronization": {"willSave": 1}},
        },
    }
    result = client.request("initialize", {"rootUri": None, **unread})
    assert result["capabilities"]["textDocumentSync"]["change"] == 2
    client.notify("initialized", {})
    error_3 = "; ".join(
        [
            'expected true, false or null, got "yes" @ message.params.capabilities.workspace.workspaceEdit.normalizesLineEndings',
            "expected true, false or null, got 1 @ message.params.capabilities.textDocument.synchronization.willSave",
            'expected an integer or null, got "x" @ message.params.processId',
            "expected a string, got null @ message.params.clientInfo.name",
            "expected a string or null, got 5 @ message.params.locale",
            'expected "off", "messages", "verbose" or null, got "loud" @ message.params.trace',
        ]
    )
    client.send({"id": 3, "method": "textDocument/codeAction", "params": None})
    error = response(client, lambda m: m.get("id") == 3)["error"]
    assert error["message"] == "textDocument/codeAction: invalid params: expected an object with textDocument, range and context, got null @ message.params"
    uri = (tmp_path / "a.cable").as_uri()
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": None}, "contentChanges": [{"rangeX": 1}]})
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri, "type": 9}]})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": SEED_TEXT}})
    client.diagnostics(uri, 1)  # the bad ones were dropped; the server goes on
    # documentChanges was read as sent, beside the field left out: edits tied to the version
    action = client.actions(tmp_path / "a.cable", only=["source.fixAll"])[0]
    assert action["edit"]["documentChanges"][0]["textDocument"] == {"uri": uri, "version": 1}
    assert client.stop() == 0
    said = [line.removeprefix("cablelint server: WARNING: ") for line in client.stderr().splitlines()]
    assert said == [
        f"initialize: invalid params: {error_1}",
        f"initialize: invalid params: {error_2}",
        f"initialize: left out, as the server does not read them: {error_3}",
        "textDocument/codeAction: invalid params: expected an object with textDocument, range and context, got null @ message.params",
        "textDocument/didChange: a message that cannot be read, ignored: expected an integer, got null @ message.params.textDocument.version; expected an object with range and text, or an object with text, got {\"rangeX\": 1} @ message.params.contentChanges[0]",
        "workspace/didChangeWatchedFiles: a message that cannot be read, ignored: expected 1 (Created), 2 (Changed) or 3 (Deleted), got 9 @ message.params.changes[0].type",
    ]


def test_exit_without_shutdown_ends_with_status_1(client: Client) -> None:
    client.start()
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 1


def test_null_where_the_protocol_wants_a_string_is_turned_down(client: Client, tmp_path: Path) -> None:
    # cattrs read null as the string "None" (and 7 as "7"): a didOpen with
    # "text": null was linted as the text "None". A notification gets no answer
    # (JSON-RPC): it is dropped and said on standard error; a request is answered
    # InvalidParams
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    client.start()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": None}})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cable", "version": "2", "text": "VZCZC"}})
    client.send({"id": 5, "method": "textDocument/codeAction", "params": with_field(ACTION, "textDocument.uri", None)})
    assert response(client, lambda m: m.get("id") == 5)["error"] == {"code": -32602, "message": "textDocument/codeAction: invalid params: expected a string, got null @ message.params.textDocument.uri"}
    client.send({"id": 6, "method": "textDocument/codeAction", "params": with_field(ACTION, "context.diagnostics", [{**DIAGNOSTIC, "code": 1.5, "source": 7}])})
    said_6 = "expected an integer, a string or null, got 1.5 @ message.params.context.diagnostics[0].code; expected a string or null, got 7 @ message.params.context.diagnostics[0].source"
    assert response(client, lambda m: m.get("id") == 6)["error"]["message"] == f"textDocument/codeAction: invalid params: {said_6}"
    assert client.open(doc, SEED_TEXT, version=3) == as_check(check_findings(SEED_TEXT, tmp_path), SEED_TEXT)
    # a change dropped leaves the server without the editor's text (the next range
    # change would land in the wrong one): the document is closed, its findings
    # cleared and said why, until the editor opens it again
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": None}]})
    assert client.wait("textDocument/publishDiagnostics", lambda p: p["uri"] == uri) == {"uri": uri, "diagnostics": []}
    logged = client.wait("window/logMessage")
    assert logged == {"type": 2, "message": f"cablelint: a change to {uri} could not be read: its text is no longer known, and it is not linted until it is opened again"}
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"range": ACTION["range"], "text": "x"}]})
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.actions(doc) == []
    assert publishes(client) == []  # none for a text "None", nor for the changes after the one dropped
    assert len(client.open(doc, SEED_TEXT, version=6)) == 16
    assert client.stop() == 0
    said = [line.removeprefix("cablelint server: WARNING: ") for line in client.stderr().splitlines()]
    assert said == [
        "textDocument/didOpen: a message that cannot be read, ignored: expected a string, got null @ message.params.textDocument.text",
        'textDocument/didOpen: a message that cannot be read, ignored: expected an integer, got "2" @ message.params.textDocument.version',
        "textDocument/codeAction: invalid params: expected a string, got null @ message.params.textDocument.uri",
        f"textDocument/codeAction: invalid params: {said_6}",
        "textDocument/didChange: a message that cannot be read, ignored: expected a string, got null @ message.params.contentChanges[0].text",
    ]


def test_before_initialize_and_after_shutdown_the_params_are_not_read(client: Client, tmp_path: Path) -> None:
    # a request with bad params before initialize was answered InvalidParams: it
    # is ServerNotInitialized whatever its params, as after shutdown InvalidRequest
    client.send({"id": 1, "method": "textDocument/codeAction", "params": {"textDocument": 5}})
    assert response(client, lambda m: m.get("id") == 1)["error"] == {"code": -32002, "message": "textDocument/codeAction: the server is not initialized: expected initialize first"}
    client.notify("textDocument/didOpen", {"textDocument": {"uri": 5}})  # dropped, as any notification before initialize
    client.start()
    assert client.request("shutdown", None) is None
    client.send({"id": 2, "method": "textDocument/codeAction", "params": None})
    assert response(client, lambda m: m.get("id") == 2)["error"] == {"code": -32600, "message": "textDocument/codeAction: the server is shut down: expected exit"}
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0
    said = [line.removeprefix("cablelint server: WARNING: ") for line in client.stderr().splitlines()]
    assert said == [
        "textDocument/codeAction: the server is not initialized: expected initialize first",
        "textDocument/didOpen before initialize: ignored",
        "textDocument/codeAction: the server is shut down: expected exit",
    ]


def test_a_second_initialize_is_refused(client: Client, tmp_path: Path) -> None:
    # it was answered as the first (pygls took the new capabilities and settings
    # under the open documents): LSP allows it once, InvalidRequest after
    client.start(root=tmp_path, options={"ignore": ["R003"]})
    doc = tmp_path / "a.cable"
    assert len(client.open(doc, SEED_TEXT)) == 15
    again = {"processId": None, "rootUri": None, "capabilities": {"general": {"positionEncodings": ["utf-32"]}}, "initializationOptions": {"select": ["R003"]}}
    client.send({"id": 100, "method": "initialize", "params": again})
    assert response(client, lambda m: m.get("id") == 100)["error"] == {"code": -32600, "message": "initialize: the server is initialized already: expected initialize once"}
    client.notify("initialize", again)  # a request sent without an id: dropped
    # the first one's settings and encoding still hold
    client.notify("textDocument/didChange", {"textDocument": {"uri": doc.as_uri(), "version": 2}, "contentChanges": [{"text": WIDE}]})
    assert client.diagnostics(doc.as_uri(), 2) == as_check(check_findings_with(WIDE, tmp_path, "--ignore", "R003"), WIDE)
    assert client.stop() == 0
    said = [line.removeprefix("cablelint server: WARNING: ") for line in client.stderr().splitlines()]
    assert said == ["initialize: the server is initialized already: expected initialize once", "initialize without an id: ignored (it is a request)"]


def test_an_object_inside_a_message_is_never_read_as_a_message(client: Client, tmp_path: Path) -> None:
    # pygls read every object of a message as a message (json.loads's
    # object_hook): one inside the params (LSPAny: a capability's experimental
    # part, the settings) that looked like a request was answered with its id
    like = {"jsonrpc": "2.0", "id": 7, "method": "textDocument/codeAction", "params": 3}
    client.send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {"experimental": {**like, "method": "shutdown"}}}})
    first = response(client, lambda m: True)
    assert first["id"] == 1 and first["result"]["capabilities"]["positionEncoding"] == "utf-16"
    client.notify("initialized", {})
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"ignore": ["X005"]}, "other": like}})
    doc = tmp_path / "a.cable"
    assert client.open(doc, SEED_TEXT) == as_check(check_findings_with(SEED_TEXT, tmp_path, "--ignore", "X005"), SEED_TEXT)
    client.send({"id": 2, "method": "shutdown", "params": None})
    assert response(client, lambda m: True) == {"jsonrpc": "2.0", "id": 2, "result": None}
    client.notify("exit", None)
    assert client.proc.wait(timeout=TIMEOUT) == 0
    assert client.stderr() == ""


def f001(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in found if d["code"] == "F001"]


SEED_BYTES = SEED_TEXT.encode("utf-8")
LATIN = SEED_BYTES.replace(b"As noted", b"As not\xe9d", 1)
# (the file's bytes, the editor's text): the text as check decodes the bytes
# (one U+FFFD for each bad sequence, as VS Code shows them), with a byte order
# mark dropped (VS Code) or kept, and line ends as the file has them or made one
# kind (VS Code does so with a file's mixed line ends)
UNDECODABLE = {
    "run": (SEED_BYTES.replace(b"As noted", b"As not\xe9\xe9\xe9d", 1), None),
    "truncated-at-the-end": (SEED_BYTES + b" \xe2\x82", None),
    "two-runs-at-the-end": (SEED_BYTES + b"\xff \xe9\xf0\x9f", None),
    "bom-dropped": (b"\xef\xbb\xbf" + LATIN, LATIN.decode("utf-8", "replace")),
    "bom-kept": (b"\xef\xbb\xbf" + LATIN, "\ufeff" + LATIN.decode("utf-8", "replace")),
    "crlf": (LATIN.replace(b"\n", b"\r\n"), None),
    "mixed-made-lf": (LATIN.replace(b"\n", b"\r\n", 10), LATIN.decode("utf-8", "replace")),
}


@pytest.mark.parametrize("case", list(UNDECODABLE))
def test_f001_is_check_s_for_runs_the_end_a_bom_and_line_ends(client: Client, tmp_path: Path, case: str) -> None:
    data, shown = UNDECODABLE[case]
    text = shown if shown is not None else data.decode("utf-8", "replace")
    doc = tmp_path / "a.cable"
    doc.write_bytes(data)
    client.start()
    got = f001(client.open(doc, text))
    expected = f001(as_check(check_file(doc), text))
    assert got == expected and expected
    assert client.stop() == 0


def test_f001_follows_changes_to_a_run_and_to_the_whole_text(client: Client, tmp_path: Path) -> None:
    data = SEED_BYTES.replace(b"As noted", b"As not\xe9\xe9\xe9d", 1)
    text = data.decode("utf-8", "replace")
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    doc.write_bytes(data)
    client.start()
    (first,) = f001(client.open(doc, text))
    assert first["range"] == {"start": {"line": 29, "character": 14}, "end": {"line": 29, "character": 15}}
    assert first["message"].startswith("bytes 0xE9 0xE9 0xE9 at offset ")

    def change(version: int, *changes: dict[str, Any]) -> list[dict[str, Any]]:
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": list(changes)})
        return f001(client.diagnostics(uri, version))

    def at(start: int, end: int, new: str) -> dict[str, Any]:
        return {"range": {"start": {"line": 29, "character": start}, "end": {"line": 29, "character": end}}, "text": new}

    # the whole text sent again, as it is: still the file's (it was dropped)
    assert change(2, {"text": text}) == [first]
    # the whole text, a line added before: moved, as a range change moves it
    assert change(3, {"text": "VZCZC\n" + text}) == [{**first, "range": {"start": {"line": 30, "character": 14}, "end": {"line": 30, "character": 15}}}]
    assert change(4, {"text": text}) == [first]  # back to the file's content
    # a change over the run's second character, or inside the run: it is no
    # longer the file's run (only its first character counted)
    assert change(5, at(15, 16, "e")) == []
    assert change(6, {"text": text}) == [first]
    assert change(7, at(15, 15, "x")) == []
    assert change(8, {"text": text}) == [first]
    # next to the run, before and after it: kept
    assert change(9, at(14, 14, "x"), at(18, 18, "y")) == [{**first, "range": {"start": {"line": 29, "character": 15}, "end": {"line": 29, "character": 16}}}]
    # the whole text without the run: gone
    assert change(10, {"text": text.replace("\ufffd", "e")}) == []
    assert client.stop() == 0


def test_a_text_short_of_a_replacement_character_is_not_matched_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # a run typed over, and the text still holding another U+FFFD: each lint
    # matched the text against the file's content again; told by the count of
    # U+FFFD, before the positions of both whole texts are built
    from cablelint.files import decode
    from cablelint.lsp import server

    data = SEED_BYTES.replace(b"As noted", b"As not\xe9d", 1).replace(b"\n", b"\r\n", 10) + b"\xff\n"
    decoded = decode(data)
    made_lf = data.decode("utf-8", "replace").replace("\r\n", "\n")
    found = server.Undecodable.matched(decoded, made_lf)  # the same lines: matched line by line
    assert found is not None and [made_lf[c] for c in found.chars] == ["\ufffd", "\ufffd"]
    assert found.chars[0] == made_lf.index("not\ufffdd") + 3 and found.offsets == decoded.bad_offsets

    def built(*args: object) -> None:
        raise AssertionError("the positions of the whole text were built")

    monkeypatch.setattr(server, "Positions", built)
    typed_over = made_lf.replace("not\ufffdd", "noted", 1)
    assert "\ufffd" in typed_over and server.Undecodable.matched(decoded, typed_over) is None


def test_f001_follows_the_file_changed_on_disk(client: Client, tmp_path: Path) -> None:
    # a git checkout rewrites the file, and the editor reloads its text (as
    # changes: VS Code sends the lines that differ) with no save: F001 was that of
    # the file read at open (none, or its old runs), never the new file's
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    doc.write_bytes(SEED_BYTES)
    client.start(root=tmp_path)
    assert f001(client.open(doc, SEED_TEXT)) == []

    def at(start: int, end: int, new: str) -> dict[str, Any]:
        return {"range": {"start": {"line": 29, "character": start}, "end": {"line": 29, "character": end}}, "text": new}

    def reload(version: int, *changes: dict[str, Any]) -> list[dict[str, Any]]:
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": list(changes)})
        return f001(client.diagnostics(uri, version))

    def checked() -> list[dict[str, Any]]:
        data = doc.read_bytes()
        found = f001(as_check(check_file(doc), data.decode("utf-8", "replace")))
        assert found
        return found

    doc.write_bytes(LATIN)  # "As not\xe9d"
    assert reload(2, at(14, 15, "\ufffd")) == checked()
    # the same size at the same time (a stamp that cannot tell): the client that
    # reports the file's change (didChangeWatchedFiles) has it read again, after
    # the editor's reload ...
    stamp = doc.stat()
    doc.write_bytes(SEED_BYTES.replace(b"As noted", b"As note\xff", 1))
    os.utime(doc, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert reload(3, at(14, 16, "e\ufffd")) == []  # the old file's run edited away
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri, "type": 2}]})
    assert f001(client.diagnostics(uri, 3)) == checked()
    # ... and before it: the editor's text is the file's content again
    doc.write_bytes(LATIN)
    os.utime(doc, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri, "type": 2}]})
    assert f001(client.diagnostics(uri, 3)) == []  # the text is still the other file's
    assert reload(4, at(14, 16, "\ufffdd")) == checked()
    # a whole text reloaded: the new file's runs, the one it kept and a new one
    doc.write_bytes(LATIN + b" \xe9")
    text = (LATIN + b" \xe9").decode("utf-8", "replace")
    assert reload(5, {"text": text}) == checked()
    assert len(checked()) == 2
    # a change over one run, undone: the text is the file's content again
    assert reload(6, at(14, 15, "e")) == checked()[1:]
    assert reload(7, at(14, 15, "\ufffd")) == checked()
    # back to UTF-8
    doc.write_bytes(SEED_BYTES)
    assert reload(8, {"text": SEED_TEXT}) == []
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, 8) == as_check(check_file(doc), SEED_TEXT)
    assert client.stop() == 0


def test_a_pull_with_the_previous_result_id_is_answered_unchanged_when_nothing_changed(client: Client, tmp_path: Path) -> None:
    doc = tmp_path / "a.cable"
    uri = doc.as_uri()
    client.start(root=tmp_path, text_document=PULLS["text_document"], workspace=PULLS["workspace"])
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": SEED_TEXT}})

    def ask(previous: Optional[str]) -> dict[str, Any]:
        params: dict[str, Any] = {"textDocument": {"uri": uri}}
        if previous is not None:
            params["previousResultId"] = previous
        return dict(client.request("textDocument/diagnostic", params))

    first = ask(None)
    assert first["kind"] == "full" and first["items"] == as_check(check_findings(SEED_TEXT, tmp_path), SEED_TEXT)
    assert ask(first["resultId"]) == {"kind": "unchanged", "resultId": first["resultId"]}
    assert ask(first["resultId"]) == {"kind": "unchanged", "resultId": first["resultId"]}
    # the text changed what it finds: all of them, with a new id
    fixed = SEED_TEXT.replace("1.(SBU) As noted", "1. (SBU) As noted", 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
    second = ask(first["resultId"])
    assert second["kind"] == "full" and second["items"] == as_check(check_findings(fixed, tmp_path), fixed)
    assert second["resultId"] != first["resultId"]
    assert ask(first["resultId"])["kind"] == "full"  # an id not the last one given: all again
    third = ask(None)
    assert third["kind"] == "full" and third["items"] == second["items"]
    # the settings changed what it finds: the client told to ask again, and all of them
    client.notify("workspace/didChangeConfiguration", {"settings": {"cablelint": {"ignore": ["X005"]}}})
    client.answer("workspace/diagnostic/refresh", None)
    fourth = ask(third["resultId"])
    assert fourth["kind"] == "full" and fourth["items"] == as_check(check_findings_with(fixed, tmp_path, "--ignore", "X005"), fixed)
    assert ask(fourth["resultId"]) == {"kind": "unchanged", "resultId": fourth["resultId"]}
    # closed and opened again: nothing to compare with
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert ask(fourth["resultId"]) == {"kind": "full", "items": []}
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": fixed}})
    again = ask(fourth["resultId"])
    assert again["kind"] == "full" and again["items"] == fourth["items"] and again["resultId"] != fourth["resultId"]
    # a change that cannot be read: the text is no longer known, and the client,
    # told to ask again, is answered none
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": None}]})
    client.answer("workspace/diagnostic/refresh", None)
    assert ask(again["resultId"]) == {"kind": "full", "items": []}
    assert client.stop() == 0


def test_a_pull_can_be_cancelled_and_workspace_pulls_are_not_offered(client: Client, tmp_path: Path) -> None:
    # a pull waiting for the first settings, cancelled: answered RequestCancelled
    # (LSP: a cancelled request still gets its answer); a cancel that crosses the
    # answer is no fault, and nothing is said of it
    doc = tmp_path / "a.cable"
    caps = client.start(root=tmp_path, text_document=PULLS["text_document"], workspace={**PULLS["workspace"], "configuration": True})["capabilities"]
    assert caps["diagnosticProvider"]["workspaceDiagnostics"] is False
    client.notify("textDocument/didOpen", {"textDocument": {"uri": doc.as_uri(), "languageId": "cable", "version": 1, "text": SEED_TEXT}})
    client.send({"id": 99, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": doc.as_uri()}}})
    client.notify("$/cancelRequest", {"id": 99})
    assert response(client, lambda m: m.get("id") == 99)["error"]["code"] == -32800
    client.answer("workspace/configuration", [{"select": ["R003"]}])
    assert codes(pull(client, doc)) == ["R003"]
    client.notify("$/cancelRequest", {"id": client.next_id})
    # workspace/diagnostic is not offered (the findings of files not open would
    # be check's, run on the workspace): a client that asks anyway is told so
    client.send({"id": 100, "method": "workspace/diagnostic", "params": {"previousResultIds": []}})
    assert response(client, lambda m: m.get("id") == 100)["error"]["code"] == -32601
    assert client.stop() == 0
    assert client.stderr() == "cablelint server: WARNING: Failed to handle request 100, unknown method 'workspace/diagnostic'\n"


def test_a_client_that_never_sends_initialized_gets_its_initialization_options(client: Client, tmp_path: Path) -> None:
    # the settings of initializationOptions were taken at initialized: a client
    # that never sent it had its documents linted without them
    doc = tmp_path / "a.cable"
    client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}, "initializationOptions": {"cablelint": {"select": ["R003"]}}})
    assert codes(client.open(doc, SEED_TEXT)) == ["R003"]
    assert client.stop() == 0


def test_the_fields_initialize_reads_are_named_as_the_protocol_names_them() -> None:
    # INITIALIZE_READ guards the fields a fault in initialize refuses it for: a
    # misspelt one would guard nothing
    import typing

    import attrs
    from lsprotocol import types as lsp

    from cablelint.lsp.faults import protocol_name
    from cablelint.lsp.server import INITIALIZE_READ

    def inner(kind: Any) -> list[Any]:
        """The classes and item types *kind* (a field's type) may hold."""
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        if typing.get_origin(kind) is typing.Union:
            return [k for a in args for k in inner(a)]
        return [kind]

    for path in INITIALIZE_READ:
        assert path[0] == "params"
        kinds: list[Any] = [lsp.InitializeParams]
        for step in path[1:]:
            found = []
            for kind in kinds:
                if step == "*":
                    found += [k for a in typing.get_args(kind) for k in inner(a)]
                elif isinstance(kind, type) and attrs.has(kind):
                    hints = typing.get_type_hints(kind)
                    found += [k for f in attrs.fields(kind) if protocol_name(f.name) == step for k in inner(hints[f.name])]
            assert found, (path, step)
            kinds = found


def test_a_document_larger_than_a_cable_can_be_is_f000_as_check_says(client: Client, tmp_path: Path) -> None:
    """The editor's text of 11 MB (over files.MAX_BYTES, 10 MB) is not linted, as
    check reads no such file: one F000 at the start says how large it is."""
    doc = tmp_path / "huge.cable"
    client.start()
    got = client.open(doc, "UNCLAS\n" + "X" * (11 * 1024 * 1024))
    assert [(d["code"], d["range"]["start"], d["message"]) for d in got] == [
        ("F000", {"line": 0, "character": 0}, "cannot read the file (11.0 MB, more than 10 MB, the limit for a cable): expected a readable cable file")
    ]
    assert client.change(doc, SEED_TEXT, 2) == as_check(check_findings(SEED_TEXT, tmp_path), SEED_TEXT)  # (back within: linted)
    assert client.stop() == 0
