"""`reportgen serve`: the workspace's routes, through Starlette's test client.

Findings must be the CLI's, bad uploads must store nothing, every form needs its CSRF
token, every response its headers, and no error shows a traceback.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import time
import warnings
import zipfile
from pathlib import Path

import msoffcrypto.format.ooxml
import pytest
from click.testing import CliRunner
from markupsafe import escape

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from reportgen.cli import cli
from reportgen.workspace.app import MEGABYTE, display_name
from reportgen.workspace.server import resolve_token
from reportgen.workspace.store import Store

from ..builders import make
from ..workspace_support import client_for

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "example.xlsx"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def csrf(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)


def upload(client: TestClient, data: bytes, name: str = "edition.xlsx", who: str = "Ann Officer"):
    return client.post(
        "/upload",
        data={"csrf": csrf(client), "uploaded_by": who},
        files={"workbook": (name, data)},
        follow_redirects=False,
    )


def stored(data: Path) -> tuple[int, list[str]]:
    store = Store(data)
    rows = len(store.documents())
    return rows, sorted(p.name for p in store.files.iterdir())


def test_the_editions_page_lists_nothing_at_first_and_sets_the_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "No editions yet" in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "HttpOnly" in response.headers["set-cookie"] and "SameSite=Strict" in response.headers["set-cookie"]


def test_an_upload_shows_every_finding_exactly_as_the_cli_gives_it(client, tmp_path):
    def change(sheets):
        sheets["Commitments"][1]["Status"] = "Nearly there"
        sheets["Commitments"][2]["Update"] = ""

    path = make(tmp_path, change)
    response = upload(client, path.read_bytes(), "Quarter 2.xlsx")
    assert response.status_code == 303 and response.headers["location"] == "/editions/1"
    page = client.get("/editions/1").text
    cli_result = CliRunner().invoke(cli, ["validate", "--format", "json", str(path)])
    expected = json.loads(cli_result.stdout)
    assert expected["errors"] >= 1
    ours = client.get("/editions/1/findings.json").json()
    assert ours == expected
    for finding in expected["findings"]:
        assert escape(finding["message"]) in page
        assert f"<code>{finding['code']}</code>" in page
    # Grouped by sheet, with the offending cell's text beside the finding.
    assert re.search(r"<h3[^>]*>Commitments <span", page)
    assert "Nearly there" in page
    assert "Ann Officer" in client.get("/").text
    upload(client, path.read_bytes(), "again.xlsx", who='Siân O\'Brien; "chair"')
    assert escape('You are Siân O\'Brien; "chair"') in client.get("/").text


def test_the_severity_filter_shows_only_that_severity(client, tmp_path):
    def change(sheets):
        sheets["Commitments"][1]["Status"] = "Nearly there"  # an error
        sheets["Edition"]["Contact"] = None

    upload(client, make(tmp_path, change).read_bytes())
    document = Store(client.app.state.store.root).document(1)
    severities = {f["severity"] for f in document.findings}
    assert "error" in severities
    errors_only = client.get("/editions/1?severity=error").text
    assert 'class="badge warning">Warning' not in errors_only
    assert 'class="badge error">Error' in errors_only
    if "warning" in severities:
        assert 'class="badge warning">Warning' in client.get("/editions/1?severity=warning").text


def test_the_example_uploads_clean_and_is_stored_with_its_sha256(client, tmp_path):
    import hashlib

    data = EXAMPLE.read_bytes()
    assert upload(client, data, "example.xlsx").status_code == 303
    document = client.app.state.store.document(1)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert client.app.state.store.original_path(document).read_bytes() == data
    assert document.errors == 0 and document.kind == "edition"
    listing = client.get("/").text
    assert escape(document.label) in listing and escape(document.title) in listing and "Draft" in listing
    original = client.get("/editions/1/original")
    assert original.content == data
    assert original.headers["content-disposition"].startswith('attachment; filename="example.xlsx"')
    # A second upload of the same bytes is a new row; the file is stored once and never changed.
    assert upload(client, data, "example again.xlsx").status_code == 303
    assert stored(client.app.state.store.root) == (2, [f"{document.sha256}.xlsx"])


def _encrypted(tmp_path: Path) -> bytes:
    plain = make(tmp_path)
    target = io.BytesIO()
    with plain.open("rb") as source:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("s3cret", target)
    return target.getvalue()


def _zip_bomb(tmp_path: Path) -> bytes:
    source = make(tmp_path)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in original.infolist():
            if info.filename == "xl/worksheets/sheet3.xml":
                with bomb.open(info.filename, "w") as part:
                    for _ in range(40):
                        part.write(b" " * MEGABYTE)
            else:
                bomb.writestr(info, original.read(info))
    return out.getvalue()


def _macro_workbook(tmp_path: Path) -> bytes:
    source = make(tmp_path)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            target.writestr(info, data)
        target.writestr("xl/vbaProject.bin", OLE_MAGIC + b"\0" * 504)
    return out.getvalue()


BAD_UPLOADS = {
    "empty": (lambda tmp: b"", "edition.xlsx", 400, "the file is empty"),
    "renamed csv": (
        lambda tmp: b"ID,Commitment\nC-001,Review stops\n",
        "edition.xlsx",
        400,
        "it looks like CSV or plain text",
    ),
    "encrypted": (_encrypted, "edition.xlsx", 400, "password-protected"),
    "zip bomb": (_zip_bomb, "edition.xlsx", 400, "refused as a possible zip bomb"),
    "30 MB": (lambda tmp: b"PK\x03\x04" + b"\0" * (30 * MEGABYTE), "edition.xlsx", 413, "up to 20 MB"),
    "xlsm": (_macro_workbook, "edition.xlsm", 400, "macro-enabled workbook"),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_a_bad_upload_gets_a_clear_page_and_nothing_is_stored(client, tmp_path, case):
    make_bytes, name, status, fragment = BAD_UPLOADS[case]
    response = upload(client, make_bytes(tmp_path), name)
    assert response.status_code == status, response.text
    assert fragment in response.text
    assert "Traceback" not in response.text and "/tmp" not in response.text and str(tmp_path) not in response.text
    assert "<h1>" in response.text and 'lang="en-GB"' in response.text
    assert stored(client.app.state.store.root) == (0, [])
    assert list(client.app.state.store.tmp.iterdir()) == []


def test_a_declared_oversized_body_is_refused_before_it_is_parsed(tmp_path):
    with client_for(tmp_path / "data", upload_limit=1 * MEGABYTE) as small:
        response = small.post(
            "/upload", content=b"x" * (2 * MEGABYTE), headers={"content-type": "multipart/form-data; boundary=x"}
        )
        assert response.status_code == 413 and "up to 1 MB" in response.text
        assert stored(tmp_path / "data") == (0, [])


def test_a_body_without_a_length_is_cut_off_at_the_limit(tmp_path):
    with client_for(tmp_path / "data", upload_limit=1 * MEGABYTE) as small:
        token = csrf(small)
        head = (
            f'--x\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n--x\r\n'
            'Content-Disposition: form-data; name="workbook"; filename="big.xlsx"\r\n\r\n'
        ).encode()

        def streamed():  # no Content-Length: sent in chunks
            yield head
            for _ in range(40):
                yield b"\0" * 65536
            yield b"\r\n--x--\r\n"

        response = small.post(
            "/upload", content=streamed(), headers={"content-type": "multipart/form-data; boundary=x"}
        )
        assert response.status_code == 413 and "up to 1 MB" in response.text
        assert stored(tmp_path / "data") == (0, [])


def test_a_file_that_is_not_chosen_is_a_clear_page(client):
    response = client.post("/upload", data={"csrf": csrf(client)}, files={"other": ("x", b"x")})
    assert response.status_code == 400 and "No file was chosen" in response.text


@pytest.mark.parametrize("path", ["/upload", "/editions/1/build", "/editions/1/delete", "/check", "/import"])
def test_every_form_needs_its_csrf_token(client, path):
    upload(client, EXAMPLE.read_bytes())
    for token in (None, "0" * 64):
        data = {"csrf": token} if token else {}
        response = client.post(path, data=data, files={"x": ("x.txt", b"x")})
        assert response.status_code == 403, path
        assert "Form refused" in response.text
    assert client.app.state.store.document(1) is not None
    assert client.app.state.store.builds_of(1) == []


def test_a_token_from_another_session_is_refused(client, tmp_path):
    token = csrf(client)
    with client_for(client.app.state.store.root) as other:
        response = other.post("/upload", data={"csrf": token}, files={"workbook": ("e.xlsx", EXAMPLE.read_bytes())})
        assert response.status_code == 403


def test_file_names_never_become_paths(client):
    response = upload(client, EXAMPLE.read_bytes(), "../../etc/passwd\r\nX-Evil: 1.xlsx")
    assert response.status_code == 303
    document = client.app.state.store.document(1)
    assert document.file_name.startswith("passwd") and "/" not in document.file_name
    assert [p.name for p in client.app.state.store.files.iterdir()] == [f"{document.sha256}.xlsx"]
    disposition = client.get("/editions/1/original").headers["content-disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "/" not in disposition.split("filename*")[0]
    assert display_name("C:\\Users\\ann\\Édition T2.xlsx", "x") == "Édition T2.xlsx"
    assert display_name("...", "fallback.xlsx") == "fallback.xlsx"
    assert display_name("a\r\nX-Evil: 1.xlsx", "x") == "a X-Evil: 1.xlsx"


def test_the_preview_is_the_html_edition_with_a_policy_that_allows_no_script(client):
    upload(client, EXAMPLE.read_bytes())
    page = client.get("/editions/1/preview").text
    assert re.search(r'<iframe[^>]*title="Preview of the HTML edition"[^>]*sandbox=""', page)
    response = client.get("/editions/1/preview/edition.html")
    assert (
        response.status_code == 200
        and response.content.startswith(b"<!DOCTYPE html")
        or response.content.lower().startswith(b"<!doctype html")
    )
    policy = response.headers["content-security-policy"]
    assert "script-src" not in policy and "default-src 'none'" in policy and "sandbox" in policy
    assert response.headers["x-frame-options"] == "SAMEORIGIN"


def test_a_final_edition_with_an_unapproved_row_is_refused_with_the_clis_findings(client, tmp_path):
    def change(sheets):
        sheets["Edition"]["Status"] = "Final"
        sheets["Commitments"][0]["Approved"] = "No"

    path = make(tmp_path, change)
    upload(client, path.read_bytes())
    response = client.post("/editions/1/build", data={"csrf": csrf(client)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/builds/1"
    status = _wait_for_build(client, 1)
    assert status["state"] == "refused"
    cli_findings = json.loads(
        CliRunner().invoke(cli, ["build", "--format", "json", "-o", str(tmp_path / "out"), str(path)]).stdout
    )["findings"]
    build = client.app.state.store.build(1)
    keys = ("severity", "code", "sheet", "cell", "message")
    assert [{k: f[k] for k in keys} for f in build.findings] == [{k: f[k] for k in keys} for f in cli_findings]
    assert "final-unapproved" in status["results"]
    assert not (tmp_path / "out").exists()
    assert not client.app.state.store.build_folder(1).exists()
    page = client.get("/builds/1").text
    assert 'aria-live="polite"' in page and "Refused" in page


def _wait_for_build(client, build_id: int, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = client.get(f"/builds/{build_id}/status").json()
        if status["finished"]:
            return status
        time.sleep(0.2)
    raise AssertionError(f"build {build_id} did not finish: {status}")


def test_builds_wait_in_a_queue_one_at_a_time(client, tmp_path):
    def change(sheets):
        sheets["Edition"]["Status"] = "Final"
        sheets["Commitments"][0]["Approved"] = "No"

    upload(client, make(tmp_path, change).read_bytes())
    token = csrf(client)
    for _ in range(3):
        client.post("/editions/1/build", data={"csrf": token}, follow_redirects=False)
    states = [client.get(f"/builds/{n}/status").json() for n in (1, 2, 3)]
    assert any(s["state"] == "queued" for s in states[1:]) or all(s["finished"] for s in states)
    for build_id in (1, 2, 3):
        assert _wait_for_build(client, build_id)["state"] == "refused"


def test_compare_defaults_to_the_previous_edition_of_the_same_plan(client, tmp_path):
    old = make(tmp_path, name="old.xlsx")

    def edited(sheets):
        sheets["Edition"]["Edition"] = "2025/26 Quarter 3 Update"
        sheets["Edition"]["Period start"] = sheets["Edition"]["Period end"].replace(month=10, day=1)
        sheets["Edition"]["Period end"] = sheets["Edition"]["Period end"].replace(month=12, day=31)
        sheets["Commitments"][0]["Update"] = "The pilot is now county-wide."

    new = make(tmp_path, edited, name="new.xlsx")
    upload(client, new.read_bytes(), "new.xlsx")  # uploaded first: the period decides, not the upload order
    upload(client, old.read_bytes(), "old.xlsx")
    page = client.get("/editions/1/compare").text
    assert "2025/26 Quarter 2 Update to 2025/26 Quarter 3 Update" in page
    assert (
        page.index("Commitment text changed")
        < page.index("Update carried over unchanged")
        < page.index("Update changed")
    )
    report = client.get("/editions/1/compare/2/report.html")
    assert "county-wide" in report.text and "script-src" not in report.headers["content-security-policy"]
    as_json = client.get("/editions/1/compare/2/report.json")
    assert as_json.headers["content-disposition"].startswith("attachment;")
    cli_json = CliRunner().invoke(cli, ["compare", "--format", "json", str(old), str(new)]).stdout
    assert json.loads(as_json.content) == json.loads(cli_json)
    as_docx = client.get("/editions/1/compare/2/report.docx")
    assert as_docx.content.startswith(b"PK") and "compare-old-new.docx" in as_docx.headers["content-disposition"]


def test_compare_with_no_earlier_edition_of_the_plan_asks_for_a_choice_among_the_others(client, tmp_path):
    def other_plan(sheets):
        sheets["Edition"]["Title"] = "Another Plan"

    upload(client, make(tmp_path, name="plan.xlsx").read_bytes(), "plan.xlsx")
    upload(client, make(tmp_path, other_plan, name="other.xlsx").read_bytes(), "other.xlsx")
    page = client.get("/editions/1/compare").text
    assert "No earlier edition titled Action Plan for Fairer Policing is stored" in page
    assert "There is no other edition to compare with yet" not in page
    assert 'value="2"' in page  # the other upload is offered


def test_new_and_next_download_workbooks(client):
    blank = client.get("/new")
    assert blank.status_code == 200 and blank.content.startswith(b"PK")
    assert blank.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    upload(client, EXAMPLE.read_bytes(), "example.xlsx")
    described = client.get("/editions/1/next")
    assert described.status_code == 200
    assert "2021/22 Quarter 3 Update, 01/10/2021 to 31/12/2021; 34 commitments carried over" in described.text
    following = client.get("/editions/1/next.xlsx")
    assert following.status_code == 200
    assert 'filename="example-2021-22-Quarter-3-Update.xlsx"' in following.headers["content-disposition"]
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(following.content))
    assert "Quarter 3" in str([row for row in book["Edition"].iter_rows(values_only=True)])


def test_import_makes_a_workbook_from_a_word_edition_and_refuses_other_files(client, tmp_path):
    from reportgen.pipeline.build import build

    result = build(make(tmp_path), tmp_path / "out", ["docx"], check_outputs=False)
    docx_bytes = result.written[0].read_bytes()
    token = csrf(client)
    response = client.post("/import", data={"csrf": token}, files={"document": ("Edition Q2.docx", docx_bytes)})
    assert response.status_code == 200 and "Imported: Edition Q2.docx" in response.text
    assert "2 chapters, 4 commitments" in response.text
    link = re.search(r'href="(/import/[^"]+\.xlsx)"', response.text).group(1)
    workbook = client.get(link)
    assert workbook.content.startswith(b"PK")
    assert 'filename="Edition_Q2.xlsx"' in workbook.headers["content-disposition"]
    with client_for(client.app.state.store.root) as stranger:  # another browser cannot fetch it
        assert stranger.get(link).status_code == 404
    refused = client.post("/import", data={"csrf": token}, files={"document": ("e.docx", EXAMPLE.read_bytes())})
    assert refused.status_code == 400 and "not a Word document" in refused.text
    assert stored(client.app.state.store.root) == (0, [])


def test_check_reports_on_an_uploaded_docx_and_refuses_what_it_cannot_check(client, tmp_path):
    from reportgen.pipeline.build import build

    docx_bytes = build(make(tmp_path), tmp_path / "out", ["docx"], check_outputs=False).written[0].read_bytes()
    token = csrf(client)
    response = client.post("/check", data={"csrf": token}, files={"document": ("edition.docx", docx_bytes)})
    assert response.status_code == 200 and "Accessibility: edition.docx" in response.text
    assert "edition.docx (DOCX):" in response.text
    refused = client.post("/check", data={"csrf": token}, files={"document": ("notes.pdf", b"hello there")})
    assert refused.status_code == 400 and "is none of them" in refused.text or "not a PDF" in refused.text


def test_deleting_asks_first_then_removes_the_row_and_its_file(client):
    upload(client, EXAMPLE.read_bytes())
    confirm = client.get("/editions/1/delete")
    assert confirm.status_code == 200 and "Yes, delete it" in confirm.text
    assert client.app.state.store.document(1) is not None
    response = client.post("/editions/1/delete", data={"csrf": csrf(client)}, follow_redirects=False)
    assert response.status_code == 303
    assert stored(client.app.state.store.root) == (0, [])
    assert client.get("/editions/1").status_code == 404


def test_an_upload_with_a_build_waiting_is_not_deleted(client):
    upload(client, EXAMPLE.read_bytes())
    token = csrf(client)
    client.post("/editions/1/build", data={"csrf": token})  # the example takes seconds to build
    response = client.post("/editions/1/delete", data={"csrf": token})
    assert response.status_code == 409 and "waiting or running" in response.text
    assert client.app.state.store.document(1) is not None


def test_an_internal_error_shows_a_reference_that_is_in_the_log_and_no_traceback(client, monkeypatch, caplog):
    from reportgen.workspace import work

    def broken(*args, **kwargs):
        raise ZeroDivisionError("secret detail")

    monkeypatch.setattr(work, "validate_upload", broken)
    response = upload(client, EXAMPLE.read_bytes())
    assert response.status_code == 500
    reference = re.search(r"reference[^:]*: ([0-9a-f]{8})", response.text).group(1)
    assert "secret detail" not in response.text and "Traceback" not in response.text
    assert reference in caplog.text and "ZeroDivisionError" in caplog.text
    assert stored(client.app.state.store.root) == (0, [])


def test_every_page_has_the_strict_policy_and_every_download_an_attachment(client, tmp_path):
    upload(client, EXAMPLE.read_bytes(), "example.xlsx")
    upload(client, make(tmp_path).read_bytes(), "small.xlsx")
    for path in (
        "/",
        "/editions/1",
        "/editions/1/preview",
        "/editions/1/compare",
        "/editions/1/next",
        "/editions/1/delete",
        "/check",
        "/import",
        "/nowhere",
    ):
        response = client.get(path)
        assert response.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'"), path
        assert response.headers["x-content-type-options"] == "nosniff" and "traceback" not in response.text.lower()
    for path in (
        "/new",
        "/editions/1/original",
        "/editions/1/next.xlsx",
        "/editions/1/findings.json",
        "/editions/1/compare/2/report.docx",
        "/editions/1/compare/2/report.json",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-disposition"].startswith("attachment; filename="), path


def test_unknown_pages_are_a_plain_404(client):
    response = client.get("/editions/99")
    assert response.status_code == 404 and "Page not found" in response.text
    assert client.get("/static/../../etc/passwd").status_code == 404


def test_another_host_name_on_loopback_is_refused(client):
    response = client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400 and "Wrong address" in response.text


def test_a_token_is_needed_on_other_addresses(tmp_path):
    with client_for(tmp_path / "data", token="a-long-enough-token-123", loopback_only=False) as guarded:
        refused = guarded.get("/")
        assert refused.status_code == 401 and "Access token needed" in refused.text
        wrong = guarded.get("/?token=wrong", follow_redirects=False)
        assert wrong.status_code == 401
        opened = guarded.get("/?token=a-long-enough-token-123", follow_redirects=False)
        assert opened.status_code == 303 and opened.headers["location"] == "/"
        assert guarded.get("/").status_code == 200  # the cookie carries it from now on
        assert guarded.get("/", headers={"authorization": "Bearer a-long-enough-token-123"}).status_code == 200


def test_the_token_rules_for_serve(monkeypatch):
    assert resolve_token("127.0.0.1", {}) == (None, False)
    assert resolve_token("::1", {}) == (None, False)
    token, generated = resolve_token("0.0.0.0", {})
    assert generated and len(token) >= 16
    assert resolve_token("0.0.0.0", {"REPORTGEN_TOKEN": "x" * 20}) == ("x" * 20, False)
    from reportgen.core.errors import ReportgenError

    with pytest.raises(ReportgenError, match="at least 16"):
        resolve_token("192.0.2.1", {"REPORTGEN_TOKEN": "short"})
    result = CliRunner(env={"REPORTGEN_TOKEN": "short"}).invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "not started" in result.stderr


def test_the_store_has_a_kind_column_and_is_consistent(client):
    upload(client, EXAMPLE.read_bytes())
    with sqlite3.connect(client.app.state.store.database) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(documents)")]
    assert "kind" in columns and "sha256" in columns
    assert list(client.app.state.store.check()) == []
