using System.Numerics;
using System.Runtime.CompilerServices;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The scans of Huang's initialisation: how many categorical features of each row differ from drawn codes, vectorised
/// across rows with <see cref="Vector{T}"/> of int. The counts are exact integers, so every vector width finds the same
/// rows as a row-by-row loop. Rows already taken (a sorted list) are skipped; the vectors holding one, and the last
/// rows, go row by row.
/// </summary>
internal static class MismatchKernel
{
    /// <summary>The fewest mismatches of any row not taken, and how many rows not taken have that many.</summary>
    /// <param name="codes">The int codes, one array per categorical feature, each at least <paramref name="rowCount"/> long.</param>
    /// <param name="drawn">One code per categorical feature.</param>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="taken">The rows to skip, ascending, fewer than <paramref name="rowCount"/>.</param>
    /// <returns>The fewest mismatches and the number of rows with them.</returns>
    public static (int Fewest, int Rows) Fewest(int[][] codes, int[] drawn, int rowCount, ReadOnlySpan<int> taken)
        => Fewest(codes, drawn, 0, rowCount, taken);

    /// <summary>The fewest mismatches of any row of [<paramref name="start"/>, <paramref name="end"/>) not taken, and how many such rows have that many.</summary>
    /// <param name="codes">The int codes, one array per categorical feature, each at least <paramref name="end"/> long.</param>
    /// <param name="drawn">One code per categorical feature.</param>
    /// <param name="start">The first row.</param>
    /// <param name="end">One past the last row.</param>
    /// <param name="taken">The rows of the range to skip, ascending.</param>
    /// <returns>The fewest mismatches (int.MaxValue when every row is taken) and the number of rows with them.</returns>
    public static (int Fewest, int Rows) Fewest(int[][] codes, int[] drawn, int start, int end, ReadOnlySpan<int> taken)
    {
        int width = Vector<int>.Count;
        var one = Vector<int>.One;
        var laneFewest = new Vector<int>(int.MaxValue);
        Vector<int> laneRows = Vector<int>.Zero;
        int fewest = int.MaxValue, rows = 0, next = 0;
        int i = start;
        for (; i <= end - width; i += width)
        {
            if (next < taken.Length && taken[next] < i + width)
            {
                for (int row = i; row < i + width; row++)
                {
                    Tally(codes, drawn, row, taken, ref next, ref fewest, ref rows);
                }

                continue;
            }

            Vector<int> mismatches = Mismatches(codes, drawn, i);
            Vector<int> equal = Vector.Equals(mismatches, laneFewest);
            laneRows = Vector.ConditionalSelect(Vector.LessThan(mismatches, laneFewest), one, laneRows - equal);
            laneFewest = Vector.Min(mismatches, laneFewest);
        }

        for (; i < end; i++)
        {
            Tally(codes, drawn, i, taken, ref next, ref fewest, ref rows);
        }

        for (int l = 0; l < width; l++)
        {
            if (laneFewest[l] < fewest)
            {
                fewest = laneFewest[l];
                rows = laneRows[l];
            }
            else if (laneFewest[l] == fewest)
            {
                rows += laneRows[l];
            }
        }

        return (fewest, rows);
    }

    /// <summary>The row not taken that is the <paramref name="target"/>-th (from 0, in row order) with <paramref name="mismatches"/> mismatches.</summary>
    /// <param name="codes">The int codes, one array per categorical feature, each at least <paramref name="rowCount"/> long.</param>
    /// <param name="drawn">One code per categorical feature.</param>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="taken">The rows to skip, ascending.</param>
    /// <param name="mismatches">The mismatch count sought.</param>
    /// <param name="target">How many such rows to pass over first: below their number.</param>
    /// <returns>The row.</returns>
    /// <exception cref="InvalidOperationException">Fewer than <paramref name="target"/> + 1 rows not taken have that many mismatches.</exception>
    public static int Find(int[][] codes, int[] drawn, int rowCount, ReadOnlySpan<int> taken, int mismatches, int target)
        => Find(codes, drawn, 0, rowCount, taken, mismatches, target);

    /// <summary>The row of [<paramref name="start"/>, <paramref name="end"/>) not taken that is the <paramref name="target"/>-th (from 0, in row order) with <paramref name="mismatches"/> mismatches.</summary>
    /// <param name="codes">The int codes, one array per categorical feature, each at least <paramref name="end"/> long.</param>
    /// <param name="drawn">One code per categorical feature.</param>
    /// <param name="start">The first row.</param>
    /// <param name="end">One past the last row.</param>
    /// <param name="taken">The rows of the range to skip, ascending.</param>
    /// <param name="mismatches">The mismatch count sought.</param>
    /// <param name="target">How many such rows to pass over first: below their number.</param>
    /// <returns>The row.</returns>
    /// <exception cref="InvalidOperationException">Fewer than <paramref name="target"/> + 1 rows not taken have that many mismatches.</exception>
    public static int Find(int[][] codes, int[] drawn, int start, int end, ReadOnlySpan<int> taken, int mismatches, int target)
    {
        int width = Vector<int>.Count;
        var sought = new Vector<int>(mismatches);
        int next = 0;
        int i = start;
        for (; i <= end - width; i += width)
        {
            bool holdsTaken = next < taken.Length && taken[next] < i + width;
            if (!holdsTaken)
            {
                int hits = -Vector.Sum(Vector.Equals(Mismatches(codes, drawn, i), sought));
                if (target >= hits)
                {
                    target -= hits;
                    continue;
                }
            }

            for (int row = i; row < i + width; row++)
            {
                if (Matches(codes, drawn, row, taken, ref next, mismatches) && target-- == 0)
                {
                    return row;
                }
            }
        }

        for (; i < end; i++)
        {
            if (Matches(codes, drawn, i, taken, ref next, mismatches) && target-- == 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Fewer rows than sought have {mismatches} mismatches.");
    }

    /// <summary>The mismatches of the vector of rows at <paramref name="index"/>: the feature count plus one -1 per equal code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Mismatches(int[][] codes, int[] drawn, int index)
    {
        var mismatches = new Vector<int>(codes.Length);
        for (int f = 0; f < codes.Length; f++)
        {
            mismatches += Vector.Equals(new Vector<int>(codes[f].AsSpan(index)), new Vector<int>(drawn[f]));
        }

        return mismatches;
    }

    /// <summary>The mismatches of one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowMismatches(int[][] codes, int[] drawn, int row)
    {
        int mismatches = 0;
        for (int f = 0; f < codes.Length; f++)
        {
            mismatches += codes[f][row] == drawn[f] ? 0 : 1;
        }

        return mismatches;
    }

    /// <summary>Whether <paramref name="row"/> is taken, moving past it in the list when it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTaken(int row, ReadOnlySpan<int> taken, ref int next)
    {
        if (next < taken.Length && taken[next] == row)
        {
            next++;
            return true;
        }

        return false;
    }

    /// <summary>Counts one row into the running fewest mismatches, unless taken.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tally(int[][] codes, int[] drawn, int row, ReadOnlySpan<int> taken, ref int next, ref int fewest, ref int rows)
    {
        if (IsTaken(row, taken, ref next))
        {
            return;
        }

        int mismatches = RowMismatches(codes, drawn, row);
        if (mismatches < fewest)
        {
            fewest = mismatches;
            rows = 1;
        }
        else if (mismatches == fewest)
        {
            rows++;
        }
    }

    /// <summary>Whether one row, not taken, has <paramref name="mismatches"/> mismatches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Matches(int[][] codes, int[] drawn, int row, ReadOnlySpan<int> taken, ref int next, int mismatches)
        => !IsTaken(row, taken, ref next) && RowMismatches(codes, drawn, row) == mismatches;
}
