"""The import pipeline and its crash-safe SQLite journal. Qt-free.

API for the UI (run everything below from a worker thread; callbacks arrive on that thread):

- :class:`app.jobs.journal.Journal` — ``Journal()`` opens ``app_dirs().data / "journal.sqlite3"``.
  History: ``rows(company_id, states=[...], kind=..., limit=...)``, ``unfinished(company_id)``,
  ``counts(company_id)``, ``transitions(company_id, sha256)``, ``export_csv(path_or_file, company_id)``;
  issue 8: ``record_edit(company_id, invoice_id, before, after, kind=...)``, ``edits(...)``.
  A row (:class:`~app.jobs.journal.JournalRow`) has ``state``, ``reason`` (Text), ``retryable``,
  ``invoice_id``, ``evidence_data`` (duplicates), file, counterpart, number, date, amount.
- :class:`app.jobs.pipeline.ImportPipeline` ``(client, journal, company_id)`` —
  ``run(job, progress=cb(step, fraction), cancel=CancelToken()) -> JobResult`` (never raises for
  API/file/data problems); ``check(job)`` for a dry run. In :mod:`app.jobs.import_job`:
  ``ImportJob.from_reading(reading, kind, draft=..., route="import"|"e_invoice", force=False)``;
  ``ImportJob.from_row(row)`` to resume; ``JobResult``: ``status`` (verified / duplicate / failed /
  cancelled), ``invoice_id``, ``reason`` (Text), ``retryable``, ``duplicate`` (evidence),
  ``to_json()``. :class:`app.jobs.cancel.CancelToken`; the steps in :mod:`app.jobs.progress`.
  The pipeline module names them too (``app.jobs.pipeline.ImportJob``…), for the window.
- :class:`app.jobs.batch.BatchRunner` ``(pipeline, workers=1..3, on_job_progress=,
  on_job_done=, on_progress=)`` — ``run(jobs)``, ``pause()``, ``resume()``, ``cancel()``;
  :func:`app.jobs.batch.resume_unfinished` + :func:`app.jobs.batch.jobs_for` on start.
- :func:`app.jobs.matching.match_counterpart` ``(party, suppliers_or_customers) -> Match``
  (``counterpart_id``, ``key`` that matched, ``reason`` Text, ``ambiguous``, ``candidates``).
- :func:`app.jobs.duplicates.check` and :func:`app.jobs.references.external_reference`.
"""
