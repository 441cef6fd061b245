"""A job's page, as its owner and as anyone else sees it, while it waits, runs, ends or dies."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from payung.accounts.roles import Role
from payung.jobs import services
from payung.jobs.models import Job, Status
from payung.jobs.processes import this_process
from payung.jobs.worker import run_pending

pytestmark = pytest.mark.usefixtures("regions")

VILLAGE = b"Nama Lengkap,Kode Desa\nSiti Aisyah Pakaya,75.02.01.2004\n"


def logged_in(make_user: Any, role: Role, username: str) -> Client:
    client = Client()
    client.force_login(make_user(role, username))
    return client


def test_only_its_owner_follows_an_import_job_to_its_batch(make_user: Any) -> None:
    owner = logged_in(make_user, Role.ANALIS, "pemilik")
    other = logged_in(make_user, Role.ANALIS, "lain")
    answer = owner.post(
        "/impor/",
        {"kind": "workers", "file": SimpleUploadedFile("desa.csv", VILLAGE)},
        headers={"X-Requested-With": "fetch"},
    ).json()
    url = answer["url"]
    job = Job.objects.get()
    upload = Path(job.upload)
    assert upload.read_bytes() == VILLAGE  # waiting for the worker, outside the web server

    assert owner.get(url, {"format": "json"}).json()["status"] == "queued"
    assert "Menunggu pekerja latar" in owner.get(url).content.decode()
    assert other.get(url).status_code == 404  # another analyst's job is not found
    assert owner.get("/impor/tugas/bukan-uuid/").status_code == 404

    assert run_pending() >= 1
    state = owner.get(url, {"format": "json"}).json()
    assert (state["status"], state["fraction"]) == ("done", 1.0)
    assert owner.get(url)["Location"] == state["url"] == f"/impor/batch/{state['batch']}/"
    assert not upload.exists() and not upload.parent.exists()  # the personal data is gone


def test_a_job_whose_worker_died_reads_as_failed_and_loses_its_upload(make_user: Any) -> None:
    owner = logged_in(make_user, Role.ANALIS, "pemilik")
    owner.post("/impor/", {"kind": "workers", "file": SimpleUploadedFile("desa.csv", VILLAGE)})
    job = Job.objects.get()
    ended = subprocess.Popen(["true"])
    ended.wait()  # a process of this machine that has ended: the worker that died
    Job.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, worker=f"{socket.gethostname()[:40]}:{ended.pid}:1"
    )

    page = owner.get(f"/impor/tugas/{job.pk}/").content.decode()
    assert "Pekerja latar berhenti sebelum pekerjaan selesai" in page
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert not Path(job.upload).exists()


def test_a_job_of_a_living_worker_keeps_running() -> None:
    job = Job.objects.create(kind="import", status=Status.RUNNING, worker=this_process())
    assert services.reap() == 0
    job.refresh_from_db()
    assert job.status == Status.RUNNING


def test_a_command_runs_its_reactions_and_leaves_browser_jobs_to_the_worker(
    make_user: Any,
) -> None:
    owner = logged_in(make_user, Role.ANALIS, "pemilik")
    owner.post("/impor/", {"kind": "workers", "file": SimpleUploadedFile("desa.csv", VILLAGE)})
    assert run_pending(jobs=False) == 0  # what `payung import` runs after its own write
    assert Job.objects.get().status == Status.QUEUED
    assert run_pending() >= 1  # the worker takes the import (and then its reaction)
    assert Job.objects.get().status == Status.DONE
