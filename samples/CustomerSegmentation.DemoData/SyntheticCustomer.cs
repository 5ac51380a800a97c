namespace CustomerSegmentation.DemoData;

/// <summary>
/// One generated mall customer, in the columns of the public Mall Customers file, together with the persona it was
/// drawn from (the ground truth a segmentation should recover).
/// </summary>
/// <param name="Id">The customer id, "C" followed by a 1-based number padded to five digits ("C00001").</param>
/// <param name="Genre">"Female" or "Male".</param>
/// <param name="Age">The age in whole years, 18 to 80.</param>
/// <param name="AnnualIncomeThousands">The annual income in thousands of dollars (k$), 10 to 150.</param>
/// <param name="SpendingScore">The mall's spending score, 1 to 100.</param>
/// <param name="Persona">The index into <see cref="SyntheticCustomers.Personas"/> of the persona this customer was drawn from.</param>
public readonly record struct SyntheticCustomer(
    string Id,
    string Genre,
    int Age,
    int AnnualIncomeThousands,
    int SpendingScore,
    int Persona);
