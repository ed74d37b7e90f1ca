"""Staff consultations move to the consultations app: each becomes a ``consultations.Consultation`` owned by its
organisation (the draft one section, each opinion with its disposition), then the app's own tables go."""

from __future__ import annotations

from typing import Any

from django.db import migrations

DISPOSITIONS = {True: "accepted", False: "not_accepted"}


def copy_to_consultations(apps: Any, schema_editor: Any) -> None:
    StaffConsultation = apps.get_model("workplaces", "StaffConsultation")
    StaffOpinion = apps.get_model("workplaces", "StaffOpinion")
    Consultation = apps.get_model("consultations", "Consultation")
    Section = apps.get_model("consultations", "ConsultationSection")
    Opinion = apps.get_model("consultations", "Opinion")
    for old in StaffConsultation.objects.select_related("organisation").order_by("pk"):
        new = Consultation.objects.create(
            commune_id=old.organisation.unit_id,
            organisation_id=old.organisation_id,
            matter=old.matter,
            title=old.title,
            status=old.status,
            opens_on=old.opens_on,
            closes_on=old.closes_on,
            published_on=old.opens_on,
            closed_on=old.closes_on if old.status != "open" else None,
            completed_on=old.updated_at.date() if old.status == "completed" else None,
            report_disclosure_id=old.disclosure_id,
            created_by_id=old.created_by_id,
        )
        section = Section.objects.create(consultation=new, position=1, heading=old.title, text=old.draft)
        for opinion in StaffOpinion.objects.filter(consultation=old).select_related("author").order_by("pk"):
            Opinion.objects.create(
                consultation=new,
                section=section,
                channel="letter",
                source=opinion.channel,
                stance="suggestion",
                text=opinion.text,
                author_name=opinion.author.full_name if opinion.author_id else "",
                received_on=opinion.received_on,
                entered_by_id=opinion.entered_by_id,
                entered_at=old.created_at,
                disposition=DISPOSITIONS.get(opinion.accepted, ""),
                explanation=opinion.answer,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("workplaces", "0003_dialogue_requested_on"),
        ("consultations", "0006_staff_consultation_organisation"),
    ]

    operations = [
        migrations.RunPython(copy_to_consultations, migrations.RunPython.noop),
        migrations.DeleteModel(name="StaffOpinion"),
        migrations.DeleteModel(name="StaffConsultation"),
    ]
