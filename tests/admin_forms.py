"""The Wagtail admin's page form as a browser would post it (tests)."""

from wagtail.fields import StreamField
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    streamfield,
)


def form_data(client, url):
    """The page form at `url`, filled as shown; StreamFields posted empty, since
    their inputs are built by the admin's JavaScript."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    model = response.context["page"].specific_class
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            data.update(nested_form_data({field.name: streamfield([])}))
    return data
