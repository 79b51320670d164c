"""The editorial roles (Editors, Moderators, Translators) and the review workflow.

`set_up_roles(apps)` is shared by migration 0007, with its historical models, and by the
`setup_roles` command, with the real ones, for locales added later. It only adds what is
missing, so running it again changes nothing and keeps what administrators changed.
"""

from django.conf import settings

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
REVIEW_WORKFLOW = "Relecture"
REVIEW_TASK = "Relecture par les modérateurs"

# Model permissions of each group, as (app label, codename).
GROUP_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "access_admin")],
    MODERATORS: [
        ("wagtailadmin", "access_admin"),
        ("pages", "add_category"),
        ("pages", "change_category"),
        ("wagtail_localize", "submit_translation"),
    ],
    TRANSLATORS: [
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
    ],
}

# Page permissions (wagtailcore). Editors and Moderators hold theirs on the root page,
# so every locale's tree, present or future, is covered; Translators hold theirs on
# the home page of each locale other than the default one.
TREE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ],
}
TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]

# Images and documents, on the root collection: what editors need to choose and add.
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def set_up_roles(apps):
    """Create or complete the groups, their permissions and the review workflow."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    def permission(app_label, codename):
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )

    groups = {
        name: Group.objects.get_or_create(name=name)[0] for name in GROUP_PERMISSIONS
    }
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    homes = Page.objects.filter(depth=2).select_related("locale")

    for name, group in groups.items():
        group.permissions.add(*(permission(*key) for key in GROUP_PERMISSIONS[name]))
        for key in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(*key)
            )
    for name, codenames in TREE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=root_page,
                permission=permission("wagtailcore", codename),
            )
    for home in homes:
        if home.locale.language_code == settings.LANGUAGE_CODE:
            continue  # the source tree: Translators never change it
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=groups[TRANSLATORS],
                page=home,
                permission=permission("wagtailcore", codename),
            )

    workflow = review_workflow(apps, groups[MODERATORS])
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    for home in homes:
        # A home with a workflow chosen by an administrator keeps it.
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})


def review_workflow(apps, moderators):
    """The "Relecture" workflow: one approval task for the Moderators group."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK, content_type=task_type, active=True
        )
        task.groups.add(moderators)
    workflow, created = Workflow.objects.get_or_create(
        name=REVIEW_WORKFLOW, defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow
