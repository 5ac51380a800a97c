using CustomerSegmentation.Export;

namespace CustomerSegmentation.Tests.Export;

public sealed class MarkdownTableTests
{
    [Fact]
    public void Columns_are_padded_to_their_widest_cell_under_a_dashed_separator()
    {
        string table = MarkdownTable.Write(["Tier", "Customers"], [["Platinum", "1"], ["Gold", "12"]]);

        Assert.Equal(
            string.Join(Environment.NewLine, "| Tier     | Customers |", "| -------- | --------- |", "| Platinum | 1         |", "| Gold     | 12        |", ""),
            table);
    }

    [Fact]
    public void A_pipe_in_a_cell_is_escaped_and_counted_in_the_width()
    {
        string[] lines = MarkdownTable.Write(["a|b"], [["x"]]).TrimEnd().Split(Environment.NewLine);

        Assert.Equal(@"| a\|b |", lines[0]);
        Assert.Equal("| ---- |", lines[1]);
        Assert.Equal("| x    |", lines[2]);
    }
}
