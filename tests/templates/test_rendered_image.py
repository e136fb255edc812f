"""The image-classification template's CNN, rendered with each of its answer sets: each checked,
its own suite run (the pre-trained backbone's set: test_rendered_image_pretrained.py, so the two
files share the minutes between the test workers)."""

import pytest
from answer_sets import check_rendered_project, names_extension_importable, sets_of  # noqa: F401 (autouse)

SETS = sets_of("image-classification", model="")


@pytest.mark.parametrize("answers, slug", SETS.values(), ids=SETS.keys())
def test_rendered_project_is_complete_and_its_own_tests_pass(cookies, answers, slug):
    check_rendered_project(cookies, "image-classification", answers, slug)
