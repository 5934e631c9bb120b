"""Console pages doing their jobs over real HTTP: transcripts, CSV, queues and status changes,
NLU inbox and its YAML export, statistics, model page, keep + retention."""
from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from datetime import date, timedelta

from tests.conftest import ROOT
from tests.console.conftest import XSS, known_example
from tests.servers import TOKEN


def ids_on(page: str):
    return set(re.findall(r'/transcripts/view\?id=([A-Za-z0-9_%-]+)"', page))


def inbox_key(page: str, snippet: str) -> str:
    row = next(r for r in page.split("<tr>") if snippet in r and 'name="key"' in r)
    return re.search(r'name="key" value="([0-9a-f]+)"', row).group(1)


def test_transcript_list_search_and_filters(console):
    support = console.client("support1")
    listed = support.get("/transcripts").text
    assert {"conv-urgent-lv", "conv-xss", "conv-fallback-en", "conv-application-ru"} <= ids_on(listed)
    assert "conv-old" not in ids_on(listed)  # default period: the last 7 days
    # Search ignores diacritics: "pazaudeju" finds "Pazaudēju".
    assert ids_on(support.get("/transcripts?q=pazaudeju").text) == {"conv-urgent-lv"}
    assert ids_on(support.get("/transcripts?tag=urgent").text) == {"conv-urgent-lv"}
    assert ids_on(support.get("/transcripts?tag=application").text) == {"conv-application-ru"}
    assert ids_on(support.get("/transcripts?tag=fallback").text) == {"conv-fallback-en"}
    assert ids_on(support.get("/transcripts?tag=out_of_scope").text) == {"conv-xss"}
    assert ids_on(support.get("/transcripts?tag=rating").text) == {"conv-fallback-en"}
    assert ids_on(support.get("/transcripts?language=ru").text) == {"conv-application-ru"}
    assert ids_on(support.get("/transcripts?intent=report_lost_phone").text) == {"conv-urgent-lv"}
    old = (date.today() - timedelta(days=215)).isoformat()
    assert ids_on(support.get(f"/transcripts?start={old}&end={date.today()}").text) >= {"conv-old", "conv-old-kept"}
    assert ids_on(support.get("/transcripts?start=2020-01-01&end=2020-01-02").text) == set()
    assert support.get("/transcripts?start=yesterday").status == 400
    row = re.search(r"conv-application-ru</a></td>\s*<td>ru</td>\s*<td>1</td>", listed)
    assert row, "language and number of customer turns in the list"


def test_conversation_view_and_readable_export(console):
    support = console.client("support1")
    page = support.get("/transcripts/view?id=conv-urgent-lv").text
    assert "Pazaudēju telefonu ar eParaksts mobile" in page
    assert "report_lost_phone · 0.97" in page
    assert "Nekavējoties apturiet eParaksts mobile" in page
    fallback = support.get("/transcripts/view?id=conv-fallback-en").text
    assert "[personal code]" in fallback and "PIN blocked" in fallback and "nlu_fallback · 0.30" in fallback
    assert support.get("/transcripts/view?id=nope").status == 404
    export = support.get("/transcripts/export?id=conv-urgent-lv")
    assert export.status == 200 and "attachment" in export.headers["Content-Disposition"]
    assert "Pazaudēju telefonu" in export.text and "<script" not in export.text


def test_csv_export_of_the_filtered_set(console):
    support = console.client("support1")
    response = support.get("/transcripts.csv?language=en")
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert rows[0] == ["conversation_id", "language", "tags", "time", "speaker", "text", "intent", "confidence"]
    assert {r[0] for r in rows[1:]} == {"conv-xss", "conv-fallback-en"}
    texts = [r[5] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.example\",\"price\")" in texts  # formula neutralised
    assert "my personal code is [personal code] and the qwzx thing broke" in texts  # mask kept
    assert XSS in texts  # CSV is data, not HTML: stored text as is
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_queue_case_page_and_status_change(console):
    case = console.file_case(kind="application", case_type="certificate_renewal",
                             deadline="2026-01-05T18:00:00+02:00", conversation_id="conv-application-ru",
                             fields={"name": "Ivans", "description": "<b>renew</b> please"})
    reference = case["reference"]
    support = console.client("support1")
    queue = support.get("/queues?kind=application").text
    row = re.search(r'<tr class="overdue">\s*<td><a href="/cases/' + reference, queue)
    assert row, "an application past its deadline is highlighted"
    page = support.get(f"/cases/{reference}").text
    assert "&lt;b&gt;renew&lt;/b&gt; please" in page and "certificate_renewal" in page
    assert '/transcripts/view?id=conv-application-ru' in page
    assert support.post(f"/cases/{reference}/status", {"status": "in_progress"}).status == 303
    assert support.post(f"/cases/{reference}/status", {"status": "done"}).status == 303
    stored = console.desk.request("GET", f"/api/cases/{reference}")[1]
    assert stored["status"] == "done" and stored["status_by"] == "support1" and stored["status_at"]
    assert [(h["status"], h["by"]) for h in stored["history"]] == [
        ("new", "assistant"), ("in_progress", "support1"), ("done", "support1")]
    page = support.get(f"/cases/{reference}").text
    assert "done – by support1" in page and "Mark" not in page
    assert reference not in support.get("/queues?kind=application").text  # open cases only
    assert reference in support.get("/queues?kind=application&status=done").text
    back = support.post(f"/cases/{reference}/status", {"status": "new"})
    assert back.status == 409 and "cannot move back" in back.text
    assert support.get("/queues?kind=bogus").status == 400


def test_nlu_inbox_annotate_and_export(console, tmp_path):
    trainer = console.client("trainer1")
    page = trainer.get("/inbox").text
    assert "the qwzx thing broke" in page  # fallback
    assert "=HYPERLINK" in page  # 0.55 and followed by a thumbs-down
    assert "rated down" in page
    assert "next: ask_pin_blocked" in page  # a fallback shows the likeliest real intent, preselected
    assert known_example() not in page  # already a training example
    assert "Pazaudēju telefonu" not in page  # confident, nothing to do
    assert "/rate_down" not in page.split("<h2>Labelled</h2>")[0]
    fallback_key = inbox_key(page, "qwzx")
    response = trainer.post("/inbox/annotate", {"key": fallback_key, "conversation_id": "conv-fallback-en",
                                                "verdict": "ask_pin_blocked"})
    assert response.status == 303
    xss_key = inbox_key(page, "&lt;script&gt;alert(1)")
    assert trainer.post("/inbox/annotate", {"key": xss_key, "conversation_id": "conv-xss", "noise": "1",
                                            "verdict": "greet"}).status == 303
    assert trainer.post("/inbox/annotate", {"key": xss_key, "conversation_id": "conv-xss",
                                            "verdict": "not_an_intent"}).status == 400
    after = trainer.get("/inbox").text
    waiting = after.split("<h2>Labelled</h2>")[0]
    assert "qwzx" not in waiting and "&lt;script&gt;" not in waiting
    assert "qwzx" in after.split("<h2>Labelled</h2>")[1]

    export = trainer.get("/inbox/export.yml")
    assert export.status == 200 and 'version: "3.1"' in export.text
    path = tmp_path / "inbox.yml"
    path.write_bytes(export.body)
    # Rasa's own loader, in a subprocess (importing Rasa here would slow every test down).
    check = subprocess.run([sys.executable, "-c", (
        "import sys\n"
        "from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader\n"
        "data = RasaYAMLReader().read(sys.argv[1])\n"
        "for m in data.intent_examples: print(m.get('intent') + '\\t' + m.get('text'))\n"
    ), str(path)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr[-2000:]
    examples = [line.split("\t") for line in check.stdout.strip().splitlines()]
    assert ["ask_pin_blocked", "my personal code is [personal code] and the qwzx thing broke"] in examples
    assert not any("script" in text for _, text in examples)  # noise is not exported


def test_statistics_page(console):
    for user in ("support1", "trainer1"):
        page = console.client(user).get("/stats")
        assert page.status == 200
        assert page.text.count("<svg") >= 2 and "Conversations per day" in page.text
        assert "handled without fallback" in page.text
        assert "report_lost_phone" in page.text  # top intents
    status, _ = console.desk.request("POST", "/api/ratings", json={
        "idempotency_key": "rate-" + console.workdir.name, "conversation_id": "conv-fallback-en",
        "answer": "utter_prices", "rating": "down", "language": "en"})
    assert status in (200, 201)
    console.file_case(kind="feedback", case_type="complaint_service", conversation_id="conv-xss",
                      received_at=date.today().isoformat() + "T08:00:00+02:00", fields={"text": "slow"})
    page = console.client("support1").get("/stats").text
    assert "utter_prices" in page and "complaint_service" in page
    assert "<script" not in page


def test_model_page(console):
    page = console.client("trainer1").get("/model").text
    assert "ask_prices" in page and "0.646" in page and "Accuracy 0.910" in page


def test_keep_and_retention(console):
    support = console.client("support1")
    listed = support.get("/transcripts").text
    assert "2 conversations are older than 180 days" in listed
    assert support.post("/transcripts/keep", {"id": "conv-old-kept", "keep": "1"}).status == 303
    assert "Kept by support1" in support.get("/transcripts/view?id=conv-old-kept").text
    assert "1 conversations are older than 180 days" in support.get("/transcripts").text
    env = {**os.environ, **console.env, "DATABASE_URL": console.desk.database_url, "DESK_API_TOKEN": TOKEN,
           "PYTHONPATH": str(ROOT)}
    run = lambda *args: subprocess.run([sys.executable, "-m", "desk", "retention", *args], cwd=ROOT, env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=60)
    dry = run("--days", "180", "--dry-run")
    assert dry.returncode == 0 and "would delete 1 conversations" in dry.stdout, dry.stderr
    assert support.get("/transcripts/view?id=conv-old").status == 200
    done = run("--days", "180")
    assert done.returncode == 0 and "deleted 1 conversations" in done.stdout, done.stderr
    assert support.get("/transcripts/view?id=conv-old").status == 404
    assert support.get("/transcripts/view?id=conv-old-kept").status == 200
    assert support.get("/transcripts/view?id=conv-urgent-lv").status == 200


def test_overview_page(console):
    support = console.client("support1").get("/").text
    assert "conversations" in support and "Open cases" in support
    trainer = console.client("trainer1").get("/").text
    assert "NLU inbox" in trainer and "Open cases" not in trainer
