"""optimizer/cache/steps.py: a process's steps told apart from lists and options."""

from __future__ import annotations

import doctest

import pytest

from optimizer.cache import steps


def test_the_module_examples_run():
    failed, tried = doctest.testmod(steps)
    assert tried >= 2 and failed == 0


@pytest.mark.parametrize(
    "text",
    [
        "1. Heat phase A to 75 C\n2. Add phase B\n3. Homogenise",
        "Batch:\n1. Wax melted\n2. Fragrance oil stirred in\n3. Jars poured",
        "Lotion batch:\n1. Oil phase heated\n2. Water phase added\n3. Preservative added",
    ],
)
def test_numbered_steps_are_steps(text):
    assert steps.numbered_steps(text)


@pytest.mark.parametrize(
    "text",
    [
        "Requirements:\n1. vegan\n2. SPF 30\n3. fragrance-free",
        "Changes since last quote:\n1. Labels added\n2. Shrink wrap added\n3. Carton changed",
        "Quote per unit for:\n1. Shampoo with added keratin\n2. Conditioner with added argan oil",
        "a) fill in-house\nb) fill at a co-packer\nWhich is cheaper for 20,000 units?",
    ],
)
def test_lists_and_options_are_not_steps(text):
    assert not steps.numbered_steps(text)


def test_two_mixing_steps_asked_about_are_steps():
    assert steps.numbered_steps("a) Add the carbomer\nb) Add the TEA\nWhich causes the lumps?")


def test_unnumbered_step_lines():
    process = "Water + EDTA\nCarbomer sifted in\nHeat 75C\nOil phase in\nHomogenise\nNeutralise\nCool to 35C"
    assert steps.step_lines(process)
    assert not steps.step_lines("Day cream\nSPF 30\nNight cream\nretinol")
