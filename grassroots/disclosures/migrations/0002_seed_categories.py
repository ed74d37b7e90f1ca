"""Seed the 34 categories of the legal catalogue (K1–K14, A1–A12, S1–S8) from ``catalogue.CATALOGUE``."""

from django.db import migrations


def seed(apps, schema_editor):
    from grassroots.disclosures import catalogue

    catalogue.seed(apps.get_model("disclosures", "DisclosureCategory"))


def unseed(apps, schema_editor):
    from grassroots.disclosures import catalogue

    apps.get_model("disclosures", "DisclosureCategory").objects.filter(
        code__in=[spec.code for spec in catalogue.CATALOGUE]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
