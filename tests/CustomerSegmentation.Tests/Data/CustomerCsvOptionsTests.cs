using System.Globalization;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Data;

public sealed class CustomerCsvOptionsTests
{
    [Fact]
    public void Defaults_are_invariant_detected_delimiter_no_id_and_fail_fast()
    {
        var options = new CustomerCsvOptions();

        Assert.Same(CultureInfo.InvariantCulture, options.Culture);
        Assert.Null(options.Delimiter);
        Assert.Null(options.IdColumn);
        Assert.Empty(options.ExtraColumns);
        Assert.Equal(BadRowPolicy.FailFast, options.BadRows);
        Assert.Equal(10, options.MaxReportedSkippedRows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"")]
    [InlineData(",\n")]
    [InlineData("||")]
    public void An_unusable_delimiter_is_rejected(string delimiter)
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomerCsvOptions { Delimiter = delimiter });

        Assert.Equal(nameof(CustomerCsvOptions.Delimiter), error.ParamName);
        Assert.Contains("must be one character other than a quote or a line break", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_sample_count_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerCsvOptions { MaxReportedSkippedRows = -1 });

        Assert.Equal(nameof(CustomerCsvOptions.MaxReportedSkippedRows), error.ParamName);
    }

    [Fact]
    public void An_undefined_policy_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerCsvOptions { BadRows = (BadRowPolicy)7 });

        Assert.Equal(nameof(CustomerCsvOptions.BadRows), error.ParamName);
        Assert.Contains("7 is not a bad-row policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_id_column_or_null_culture_is_rejected()
    {
        var blank = Assert.Throws<ArgumentException>(() => new CustomerCsvOptions { IdColumn = "  " });
        var culture = Assert.Throws<ArgumentNullException>(() => new CustomerCsvOptions { Culture = null! });

        Assert.Equal(nameof(CustomerCsvOptions.IdColumn), blank.ParamName);
        Assert.Contains("id column name is blank", blank.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(CustomerCsvOptions.Culture), culture.ParamName);
    }

    [Fact]
    public void Repeated_extra_columns_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomerCsvOptions { ExtraColumns = ["Genre", "GENRE"] });

        Assert.Equal(nameof(CustomerCsvOptions.ExtraColumns), error.ParamName);
        Assert.Contains("'GENRE' is listed twice", error.Message, StringComparison.Ordinal);
    }
}
