"""A non-state employer's profile said "law_chapter" by default: it follows the Labour Code alone until it opts in
to the SOE rules ([L] art. 82; law.md §3.2). Other organisations always follow the Law's chapter."""

from django.db import migrations


def forwards(apps, schema_editor):
    profiles = apps.get_model("workplaces", "WorkplaceProfile").objects
    profiles.filter(organisation__kind="other_employer", regime="law_chapter").update(regime="labour_code_only")
    profiles.exclude(organisation__kind="other_employer").exclude(regime="law_chapter").update(regime="law_chapter")


class Migration(migrations.Migration):
    dependencies = [("workplaces", "0007_dialogue_result_disclosure")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
