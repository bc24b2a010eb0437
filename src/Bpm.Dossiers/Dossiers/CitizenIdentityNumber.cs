using System.Globalization;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// The 12-digit personal identification number on the citizen identity card (Circular
/// 59/2021/TT-BCA art. 7): 3 digits for the province of birth registration, 1 for gender and
/// century, 2 for the year of birth, 6 random digits.
/// </summary>
public static class CitizenIdentityNumber
{
    /// <summary>The oldest birth a living applicant can have, in years before today.</summary>
    private const int OldestAge = 130;

    /// <summary>Why <paramref name="number"/> cannot be a citizen identity number on <paramref name="today"/>, in Vietnamese; null when it can.</summary>
    public static string? Check(string? number, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return "Hãy nhập số định danh cá nhân (12 chữ số).";
        }

        if (number.Length != 12)
        {
            return $"Số định danh cá nhân gồm đúng 12 chữ số; '{number}' có {number.Length} ký tự.";
        }

        if (number.FirstOrDefault(c => !char.IsAsciiDigit(c)) is var other and not '\0')
        {
            return $"Số định danh cá nhân chỉ gồm chữ số (12 chữ số); '{number}' có ký tự '{other}'.";
        }

        var province = number[..3];
        if (!ProvinceCodes.IsOfficial(province))
        {
            return $"Mã tỉnh '{province}' (3 chữ số đầu) không có trong danh mục mã tỉnh của Thông tư 59/2021/TT-BCA.";
        }

        // Gender and century: 0/1 the 20th century, 2/3 the 21st, then 4/5, 6/7, 8/9 for the 22nd to 24th.
        var genderCentury = number[3] - '0';
        var year = 1900 + (genderCentury / 2 * 100) + int.Parse(number.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (year > today.Year || year < today.Year - OldestAge)
        {
            return $"Chữ số thứ 4 ({number[3]}) và năm sinh ({number.Substring(4, 2)}) cho năm sinh {year}, không thể có vào năm {today.Year}.";
        }

        return null;
    }
}
