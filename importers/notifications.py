"""One message to the moderators for a whole import, not one per page.

Wagtail emails the reviewers each time a page is submitted to a workflow; an import
of 5,000 records would send them 5,000 emails. While `submissions_held()` is active
(in the current thread or task only: a ContextVar), Wagtail's submission notifiers
stay quiet, and the import sends one summary to the same people instead.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.admin import signal_handlers
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_submitted

_held = ContextVar("submission_notifications_held", default=False)

# The dispatch uids Wagtail connects its submission notifiers with
# (wagtail.admin.signal_handlers.register_signal_handlers).
WAGTAIL_SUBMISSION_NOTIFIERS = [
    (
        task_submitted,
        TaskState,
        signal_handlers.task_submission_email_notifier,
        "group_approval_task_submitted_email_notification",
    ),
    (
        workflow_submitted,
        WorkflowState,
        signal_handlers.workflow_submission_email_notifier,
        "workflow_state_submitted_email_notification",
    ),
]


def unless_held(notifier):
    def notify(sender, instance=None, **kwargs):
        if not _held.get():
            return notifier(instance=instance, **kwargs)

    return notify


def wrap_wagtail_submission_notifiers():
    """Put Wagtail's submission notifiers behind submissions_held (app ready)."""
    for signal, sender, notifier, dispatch_uid in WAGTAIL_SUBMISSION_NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(
            unless_held(notifier), sender=sender, dispatch_uid=dispatch_uid, weak=False
        )


@contextmanager
def submissions_held():
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


class ImportSummaryNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """The reviewers of the first submitted page's task, told about them all.

    The recipients are those Wagtail would notify for one submission (the task's
    groups, superusers if so configured, minus the importer; only those who accept
    submission notifications), in their own language.
    """

    template_directory = "importers/notifications/"

    def get_template_base_prefix(self, instance, **kwargs):
        return "import_"  # importers/notifications/import_submitted*.txt

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        context.update(kwargs)
        return context


def notify_reviewers(task_state, *, pages, source, import_run, user=None):
    """Email the reviewers that `pages` from `source` await them (one email each)."""
    notifier = ImportSummaryNotifier()
    recipients = notifier.get_valid_recipients(task_state, user=user)
    if not recipients:
        return True
    context = notifier.get_context(
        task_state, pages=pages, count=len(pages), source=source, import_run=import_run
    )
    return notifier.send_notifications(
        notifier.get_template_set(task_state), context, recipients
    )
