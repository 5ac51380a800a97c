using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>The kernels' data struct: what it accepts, what it rejects, and the padding every kernel relies on.</summary>
public sealed class KernelColumnsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(257, 272)]
    public void Padded_length_is_the_next_multiple_of_one_512_bit_vector(int rows, int padded)
        => Assert.Equal(padded, KernelColumns.PaddedLength(rows));

    [Fact]
    public void Without_an_offset_the_values_are_not_moved_and_without_weights_every_row_weighs_one()
    {
        var data = new KernelColumns([[1.5f, 2.5f, .. new float[14]]], 2, VectorWidth.Scalar);

        Assert.Equal(2.5f, data.Centred(1, 0));
        Assert.Equal(1.0, data.Weight(1));
        Assert.Equal(1, data.FeatureCount);
    }

    [Fact]
    public void No_column_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new KernelColumns([], 0, VectorWidth.Scalar));

        Assert.Contains("at least one column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_without_its_padding_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new KernelColumns([new float[16], new float[17]], 17, VectorWidth.Scalar));

        Assert.Contains("Column 0 holds 16 floats but 17 rows need 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offset_of_another_length_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new KernelColumns([new float[16]], 3, VectorWidth.Scalar, offset: new float[2]));

        Assert.Contains("offset has 2 values but there are 1 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_without_their_padding_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new KernelColumns([new float[16]], 3, VectorWidth.Scalar, weights: new float[3]));

        Assert.Contains("weights hold 3 floats but 3 rows need 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_row_count_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KernelColumns([new float[16]], -1, VectorWidth.Scalar));

        Assert.Equal("rowCount", error.ParamName);
    }
}
