"""Importers of flat formats (GoGoCarto, GeoJSON, CSV, Bazar) and the import core."""

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Revision, WorkflowState

from importers.mapping import MappingError, load_mapping
from importers.models import ImportedRecord, ImportRun
from importers.records import ImportFileError, Record, RecordRevision
from importers.runner import import_file, imported_page, run
from pages.models import ActorPage, CommonsPage, RevisionNote
from pages.roles import REVIEW_WORKFLOW
from tests.admin_forms import form_data
from tests.test_workflow import approve
from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "import_samples"


def mapping(name):
    return load_mapping((SAMPLES / name).read_text(encoding="utf-8"))


def import_sample(format_name, sample, mapping_name, content=None, **options):
    """Import a sample file, or `content` (bytes) in its place, with its mapping."""
    file = io.BytesIO(
        content if content is not None else (SAMPLES / sample).read_bytes()
    )
    file.name = sample
    return import_file(format_name, file, mapping(mapping_name), **options)


def gogocarto(change=None, **options):
    """The GoGoCarto sample, after change(elements) when given."""
    data = json.loads((SAMPLES / "gogocarto.json").read_text(encoding="utf-8"))
    if change:
        change(data["data"])
    content = json.dumps(data).encode()
    return import_sample(
        "gogocarto", "gogocarto.json", "gogocarto.yaml", content, **options
    )


def page_for(source, source_id):
    record = ImportedRecord.objects.get(source=source, source_id=source_id)
    return record.page.specific.get_latest_revision_as_object()


def outcomes(report):
    return {line.source_id: line.outcome for line in report.lines}


def test_gogocarto_elements_become_drafts_submitted_for_review(
    import_atlas, import_categories
):
    report = gogocarto(user=import_atlas["moderator"])

    assert outcomes(report) == {
        "tl-0001": "created",
        "tl-0002": "created",
        "tl-0003": "created",
        "tl-0004": "error",
    }
    assert "pas de titre" in report.by_outcome("error")[0].message

    farm = page_for("transiscope", "tl-0001")
    assert isinstance(farm, CommonsPage)
    assert farm.title == "La Ferme du Bois Commun"
    assert (farm.latitude, farm.longitude) == (47.2184, -1.5536)  # nested geo
    assert (farm.address, farm.postcode, farm.commune) == (
        "12 chemin des Sureaux",
        "44000",
        "Nantes",
    )
    assert farm.website == "https://ferme-bois-commun.example.org"
    assert farm.contact_email == "contact@ferme-bois-commun.example.org"
    assert farm.summary.startswith("Une ferme tenue en commun par quarante familles.")
    assert len(farm.summary) <= 300
    assert [block.block_type for block in farm.body] == ["paragraph"]
    assert farm.body[0].value.source.count("<p>") == 2  # one per source paragraph
    assert list(farm.categories.values_list("slug", flat=True)) == ["alimentation"]

    network = page_for("transiscope", "tl-0002")
    assert isinstance(network, ActorPage)  # its "Association" category says so
    assert network.kind == "network"  # from the mapping's defaults
    assert (network.latitude, network.longitude) == (45.764, 4.8357)  # flat strings
    assert network.address == "8 rue des Capucins, 69001 Lyon"
    # Source markup is not trusted: kept as text, never as HTML.
    assert "<strong>" not in network.body[0].value.source
    assert "trente jardins" in network.body[0].value.source

    housing = page_for("transiscope", "tl-0003")
    assert housing.latitude is None and housing.longitude is None
    assert list(housing.categories.values_list("slug", flat=True)) == ["habitat"]

    # Drafts, under the index of their type, each submitted to the review workflow.
    for page in (farm, network, housing):
        saved = Page.objects.get(pk=page.pk).specific
        assert not saved.live
        assert saved.get_parent().specific.child_model is type(saved)
        assert saved.locale.language_code == "fr"
        assert saved.current_workflow_state.workflow.name == REVIEW_WORKFLOW
        assert saved.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        note = RevisionNote.objects.get(revision_id=saved.latest_revision_id)
        assert note.note == "Importé depuis transiscope"

    # The import is recorded with the mapping it used.
    assert report.run.mapping == (SAMPLES / "gogocarto.yaml").read_text()
    assert report.run.counts["created"] == 3 and report.run.counts["error"] == 1
    assert ImportRun.objects.get().report[3]["source_id"] == "tl-0004"


def test_a_moderator_approves_an_imported_draft_and_it_goes_live(
    import_atlas, clients, client
):
    gogocarto(user=import_atlas["editor"])
    farm = ImportedRecord.objects.get(source_id="tl-0001").page.specific

    assert client.get(farm.url).status_code == 404
    assert approve(clients["moderator"], farm).status_code == 302

    response = client.get(farm.url)
    assert response.status_code == 200
    assert "La Ferme du Bois Commun" in response.content.decode()
    assert "quarante familles" in response.content.decode()


def test_publish_makes_imported_pages_live(import_atlas, client):
    report = gogocarto(publish=True)

    assert report.counts["created"] == 3
    page = ImportedRecord.objects.get(source_id="tl-0002").page.specific
    assert page.live and not page.has_unpublished_changes
    assert not WorkflowState.objects.exists()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Réseau des Jardins Partagés du Rhône" in response.content.decode()


def test_a_rerun_changes_nothing_and_says_so(import_atlas):
    gogocarto()
    pages, revisions = Page.objects.count(), Revision.objects.count()

    report = gogocarto()

    assert outcomes(report) == {
        "tl-0001": "unchanged",
        "tl-0002": "unchanged",
        "tl-0003": "unchanged",
        "tl-0004": "error",
    }
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert ImportedRecord.objects.count() == 3


def test_changed_source_data_updates_the_same_page(import_atlas):
    gogocarto(publish=True)
    farm_id = ImportedRecord.objects.get(source_id="tl-0001").page_id

    def change(elements):
        elements[0]["description"] = "Quarante-deux familles, désormais."
        elements[0]["geo"] = {"latitude": "47.3", "longitude": "-1.5"}

    report = gogocarto(change)

    assert outcomes(report)["tl-0001"] == "updated"
    assert outcomes(report)["tl-0002"] == "unchanged"
    farm = page_for("transiscope", "tl-0001")
    assert farm.pk == farm_id
    assert farm.summary == "Quarante-deux familles, désormais."
    assert (farm.latitude, farm.longitude) == (47.3, -1.5)
    assert CommonsPage.objects.filter(title="La Ferme du Bois Commun").count() == 1


def test_an_update_resubmits_the_new_revision_for_review(import_atlas):
    gogocarto()
    gogocarto(lambda elements: elements[0].update(name="La Ferme du Bois Partagé"))

    farm = ImportedRecord.objects.get(source_id="tl-0001").page.specific
    states = WorkflowState.objects.for_instance(farm)
    assert list(states.values_list("status", flat=True).order_by("pk")) == [
        WorkflowState.STATUS_CANCELLED,
        WorkflowState.STATUS_IN_PROGRESS,
    ]
    task_state = farm.current_workflow_task_state
    assert task_state.revision_id == farm.latest_revision_id
    assert task_state.revision.as_object().title == "La Ferme du Bois Partagé"


def test_an_editors_change_since_the_import_is_reported_as_a_conflict(
    import_atlas, clients
):
    gogocarto(publish=True)
    farm = ImportedRecord.objects.get(source_id="tl-0001").page.specific
    edit_url = reverse("wagtailadmin_pages:edit", args=(farm.pk,))
    data = form_data(clients["moderator"], edit_url)
    data["summary"] = "Résumé revu par la modération."
    data["action-publish"] = "on"
    assert clients["moderator"].post(edit_url, data).status_code == 302
    edited_revision = Page.objects.get(pk=farm.pk).latest_revision_id

    report = gogocarto(lambda elements: elements[0].update(description="Autre texte."))

    line = next(line for line in report.lines if line.source_id == "tl-0001")
    assert line.outcome == "conflict"
    assert line.page_id == farm.pk
    farm = Page.objects.get(pk=farm.pk).specific
    assert farm.latest_revision_id == edited_revision
    assert farm.summary == "Résumé revu par la modération."


def test_a_deleted_page_is_not_brought_back(import_atlas):
    gogocarto()
    ImportedRecord.objects.get(source_id="tl-0003").page.delete()

    report = gogocarto(lambda elements: elements[2].update(name="Les Tilleuls"))

    assert outcomes(report)["tl-0003"] == "skipped"
    assert not CommonsPage.objects.filter(title="Les Tilleuls").exists()


def test_a_dry_run_reports_and_writes_nothing(import_atlas):
    tables = (Page, Revision, ImportedRecord, ImportRun, WorkflowState, RevisionNote)
    before = [table.objects.count() for table in tables]

    report = gogocarto(dry_run=True)

    assert report.counts == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "conflict": 0,
        "skipped": 0,
        "error": 1,
    }
    assert "rien d’écrit" in report.summary()
    assert [table.objects.count() for table in tables] == before


def test_a_dry_run_after_an_import_reports_updates_and_conflicts(import_atlas):
    gogocarto()
    farm = ImportedRecord.objects.get(source_id="tl-0001").page.specific
    farm.save_revision()  # an editor's draft

    def change(elements):
        elements[0]["description"] = "Changé."
        elements[1]["description"] = "Changé aussi."

    revisions = Revision.objects.count()
    report = gogocarto(change, dry_run=True)

    assert outcomes(report) == {
        "tl-0001": "conflict",
        "tl-0002": "updated",
        "tl-0003": "unchanged",
        "tl-0004": "error",
    }
    assert Revision.objects.count() == revisions


def test_geojson_points_give_the_location_other_geometries_none(import_atlas):
    report = import_sample("geojson", "umap.geojson", "umap.yaml")

    assert outcomes(report) == {
        "umap-1": "created",
        "umap-2": "created",
        "umap-3": "created",
    }
    ivry = page_for("umap-communs", "umap-1")
    assert (ivry.latitude, ivry.longitude) == (48.8156, 2.3849)  # lng first in GeoJSON
    assert ivry.commune == "Ivry-sur-Seine"
    trail = page_for("umap-communs", "umap-2")
    assert trail.latitude is None and trail.longitude is None
    assert "LineString : importé sans localisation" in report.lines[1].message

    again = import_sample("geojson", "umap.geojson", "umap.yaml")
    assert set(outcomes(again).values()) == {"unchanged"}


def test_csv_rows_with_a_bad_row_reported_by_line(import_atlas):
    report = import_sample("csv", "initiatives.csv", "initiatives.yaml")

    assert outcomes(report) == {
        "csv-1": "created",
        "csv-2": "created",
        "csv-3": "error",
        "csv-4": "error",
        "csv-5": "created",
    }
    errors = report.by_outcome("error")
    assert errors[0].label == "csv-3 (ligne 4)"
    assert "« abc »" in errors[0].message and "latitude" in errors[0].message
    assert errors[1].label == "csv-4 (ligne 5)"
    assert "pas de titre" in errors[1].message

    # The BOM is not part of the first column; French decimal commas are read.
    shop = page_for("tableur-communs", "csv-1")
    assert shop.title == "Épicerie coopérative La Cagette"
    assert (shop.latitude, shop.longitude) == (43.6108, 3.8767)
    assert (shop.postcode, shop.commune) == ("34000", "Montpellier")
    assert shop.website == "https://lacagette.example.org"
    assert list(shop.categories.values_list("slug", flat=True)) == ["alimentation"]
    wiki = page_for("tableur-communs", "csv-5")
    assert list(wiki.categories.values_list("slug", flat=True)) == ["numerique"]
    assert wiki.latitude is None

    again = import_sample("csv", "initiatives.csv", "initiatives.yaml")
    assert again.counts["unchanged"] == 3 and again.counts["created"] == 0


def test_csv_with_commas_and_no_bom(import_atlas):
    content = (
        "id,nom,description,latitude,longitude\n"
        'c1,"Jardin, partagé",Un jardin.,48.85,2.35\n'
    ).encode()

    report = import_sample("csv", "initiatives.csv", "initiatives.yaml", content)

    assert outcomes(report) == {"c1": "created"}
    garden = page_for("tableur-communs", "c1")
    assert garden.title == "Jardin, partagé"
    assert (garden.latitude, garden.longitude) == (48.85, 2.35)


def test_a_duplicated_identifier_is_reported_not_merged(import_atlas):
    content = (
        b"id;nom;latitude;longitude\n"
        b"d1;Jardin du Nord;50.6;3.0\n"
        b"d1;Jardin du Sud;43.3;5.4\n"
    )

    report = import_sample("csv", "initiatives.csv", "initiatives.yaml", content)

    assert [line.outcome for line in report.lines] == ["created", "error"]
    assert report.lines[1].label == "d1 (ligne 3)"
    assert page_for("tableur-communs", "d1").title == "Jardin du Nord"


def test_bazar_entries_become_commons_pages(import_atlas):
    report = import_sample("bazar", "bazar.json", "bazar.yaml", publish=True)

    assert outcomes(report) == {"342": "created", "351": "created"}
    garden = page_for("yeswiki-communs", "342")
    assert garden.title == "Jardin partagé des Fives"
    assert (garden.latitude, garden.longitude) == (50.6292, 3.0573)  # geolocation
    assert (garden.address, garden.postcode, garden.commune) == (
        "2 rue Pierre Legrand",
        "59800",
        "Lille",
    )
    assert garden.founded == FuzzyDate(2016)
    assert garden.body[0].value.source.count("<p>") == 2
    assert sorted(garden.categories.values_list("slug", flat=True)) == [
        "alimentation",
        "habitat",
    ]
    map_project = page_for("yeswiki-communs", "351")
    assert (map_project.latitude, map_project.longitude) == (45.0714, 5.5531)
    assert list(map_project.categories.values_list("slug", flat=True)) == ["numerique"]

    again = import_sample("bazar", "bazar.json", "bazar.yaml", publish=True)
    assert outcomes(again) == {"342": "unchanged", "351": "unchanged"}


def test_bazar_entries_as_a_list(import_atlas):
    entries = json.loads((SAMPLES / "bazar.json").read_text(encoding="utf-8"))
    content = json.dumps(list(entries.values())).encode()

    report = import_sample("bazar", "bazar.json", "bazar.yaml", content)

    assert outcomes(report) == {"342": "created", "351": "created"}


def test_records_with_history_keep_their_revisions(import_atlas):
    """What the MediaWiki parser produces: one page revision per source revision."""
    mapping_ = load_mapping(
        "source: wiki\npage_type: commons\nfields: {title: titre, body: texte}"
    )
    revisions = [
        RecordRevision(datetime(2014, 5, 2, 10, tzinfo=UTC), "Camille", "Création"),
        RecordRevision(datetime(2016, 1, 9, 18, tzinfo=UTC), "Noé", "Typo"),
    ]
    revisions[0].fields = {"titre": "Forêt communale", "texte": "Une forêt."}
    # A parser that converts markup gives blocks: they are kept as they are.
    revisions[1].fields = {
        "titre": "Forêt commune",
        "texte": [
            {"type": "paragraph", "value": "<p>Une forêt <b>gérée</b> en commun.</p>"}
        ],
    }
    record = Record("12", revisions[1].fields, revisions=revisions)

    report = run([record], mapping_, publish=True)

    assert outcomes(report) == {"12": "created"}
    page = CommonsPage.objects.get(pk=report.lines[0].page_id)
    assert imported_page("wiki", "12") == page
    assert page.body[0].value.source == "<p>Une forêt <b>gérée</b> en commun.</p>"
    assert page.summary == "Une forêt gérée en commun."
    saved = Revision.objects.filter(object_id=str(page.pk)).order_by("created_at")
    assert [r.created_at.year for r in saved] == [2014, 2016]
    assert [r.change_note.note for r in saved] == [
        "Création — Camille (Importé depuis wiki)",
        "Typo — Noé (Importé depuis wiki)",
    ]
    assert page.title == "Forêt commune" and page.live


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source: [unclosed", "pas du YAML valide"),
        ("- a list", "doit être un dictionnaire YAML"),
        ("source: x\npage_type: forest\nfields: {title: t}", "Type de page inconnu"),
        ("source: x\npage_type: actor\nfields: {title: t, colour: c}", "colour"),
        (
            "source: x\npage_type: actor\nfields: {title: t}\ndefaults: {live: 1}",
            "live",
        ),
        ("page_type: actor\nfields: {title: t}", "doit nommer sa source"),
        ("source: x\npage_type: actor\nfields: {summary: s}", "titre"),
        (
            "source: x\npage_type: actor\nfields: {title: t}\n"
            "categories: {field: c, map: {a: no-such-category}}",
            "Catégorie inconnue « no-such-category »",
        ),
    ],
)
def test_a_bad_mapping_is_reported_clearly(import_atlas, text, message):
    with pytest.raises(MappingError) as raised:
        load_mapping(text)
    assert any(message in error for error in raised.value.errors)


def test_the_command_imports_and_reports(import_atlas, capsys, tmp_path):
    with translation.override("en"):
        call_command(
            "import_records",
            "gogocarto",
            str(SAMPLES / "gogocarto.json"),
            "--mapping",
            str(SAMPLES / "gogocarto.yaml"),
            "--user",
            "moderator",
        )

    output = capsys.readouterr().out
    # Management commands speak English (Django deactivates translations there).
    assert "created: 3" in output and "error: 1" in output
    assert "tl-0004" in output  # the bad record, named
    run_ = ImportRun.objects.get()
    assert run_.user == import_atlas["moderator"] and run_.file_name.endswith(
        "gogocarto.json"
    )


def test_the_command_reports_a_bad_mapping_or_file_without_a_traceback(
    import_atlas, tmp_path
):
    bad_mapping = tmp_path / "bad.yaml"
    bad_mapping.write_text("source: x\npage_type: forest\nfields: {title: t}")
    with pytest.raises(CommandError, match="Type de page inconnu « forest »"):
        call_command(
            "import_records", "csv", str(SAMPLES / "initiatives.csv"),
            "--mapping", str(bad_mapping),
        )  # fmt: skip

    not_json = tmp_path / "elements.json"
    not_json.write_text("<html>")
    with pytest.raises(CommandError, match="pas du JSON valide"):
        call_command(
            "import_records", "gogocarto", str(not_json),
            "--mapping", str(SAMPLES / "gogocarto.yaml"),
        )  # fmt: skip
    assert not ImportedRecord.objects.exists()
    assert not ImportRun.objects.exists()


def test_a_file_of_another_format_is_refused(import_atlas):
    with pytest.raises(ImportFileError):
        import_sample("geojson", "gogocarto.json", "umap.yaml")
