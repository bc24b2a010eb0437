namespace Bpm.Engine.Calendar;

/// <summary>A calendar data file is missing or wrong; the message names the file and the field.</summary>
public sealed class CalendarDataException : Exception
{
    /// <summary>Creates the exception with a message that names the file and the field.</summary>
    public CalendarDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CalendarDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
