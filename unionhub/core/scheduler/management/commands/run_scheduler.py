"""``python manage.py run_scheduler``: the platform's one scheduler, in the foreground.

Runs every job that the modules declare in their ``jobs.py`` on its crontab (Asia/Shanghai).
Several may run at once (one per app server): each job still runs once per period.
``--once`` runs, in this process, every job whose current period has not run yet and exits;
``--list`` shows the jobs and their next runs."""

from __future__ import annotations

import signal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from unionhub.core.scheduler.cron import describe, next_run
from unionhub.core.scheduler.models import JobRunStatus
from unionhub.core.scheduler.registry import declared_jobs
from unionhub.core.scheduler.runner import Scheduler, run_due_jobs


def _stop(signum, frame):  # noqa: ARG001
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "运行平台定时任务调度器（工单升级、设备检查、积分清零、会员匿名化等）。可多台服务器同时运行，每个任务每个周期只执行一次。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="把本周期尚未运行的任务各运行一次后退出（不常驻）",
        )
        parser.add_argument(
            "--job", action="append", help="与 --once 同用：只运行这些任务（任务代码）"
        )
        parser.add_argument("--list", action="store_true", help="列出全部任务及下次运行时间")
        parser.add_argument("--workers", type=int, default=4, help="同时运行的任务数上限（默认 4）")

    def handle(self, *args, once=False, job=None, list=False, workers=4, **options):  # noqa: A002
        translation.activate(settings.LANGUAGE_CODE)
        jobs = declared_jobs()
        if job:
            unknown = sorted(set(job) - {j.key for j in jobs})
            if unknown:
                raise CommandError(f"没有这些任务：{', '.join(unknown)}")
        if list:
            now = timezone.now()
            for j in jobs:
                nxt = timezone.localtime(next_run(j.cron, now))
                self.stdout.write(
                    f"{j.key:32} {describe(j.cron):24} 下次 {nxt:%Y-%m-%d %H:%M}  {j.name}"
                )
            return
        if once:
            runs = run_due_jobs(keys=job)
            for run in runs:
                self.stdout.write(
                    f"{run.job}: {run.get_status_display()} {run.duration_ms} ms {run.result}"
                )
            self.stdout.write(f"运行 {len(runs)} 个任务（其余本周期已运行）。")
            if any(r.status == JobRunStatus.FAILED for r in runs):
                raise CommandError("有任务失败，详见定时任务页面。")
            return
        if job:
            raise CommandError("--job 只能与 --once 同用。")
        scheduler = Scheduler(max_workers=workers)
        # Both, explicitly: a process started in the background (``make run``'s ``&``)
        # inherits SIGINT as ignored.
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        self.stdout.write(f"定时任务调度器启动：{len(jobs)} 个任务（时区 Asia/Shanghai）。")
        try:
            scheduler.start()
        except KeyboardInterrupt:
            self.stdout.write("正在停止：等待运行中的任务结束……")
            scheduler.shutdown(wait=True)
