from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from payung.contributions import selectors
from payung.contributions.calculator import Calculation, ContributionError, calculate
from payung.contributions.forms import CalculatorForm


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    """Any role may price a bill: the form's figures go through the one calculator."""
    form = CalculatorForm(request.GET or None)
    result: Calculation | None = None
    if form.is_valid():
        try:
            result = calculate(form.cleaned_data["segment"], **form.calculator_arguments())
        except ContributionError as exc:
            form.add_error(None, str(exc))
    on_date = result.on_date if result else None
    return render(
        request,
        "contributions/calculator.html",
        {
            "form": form,
            "result": result,
            "death_benefit": selectors.jkm_death_benefit(on_date),
            "benefits": selectors.benefits_in_force(on_date),
        },
    )
