namespace Rathaus.Council.Model;

/// <summary>
/// What every council object carries for OParl: when it was created and last changed, and the soft-delete flag
/// (OParl never lets an object vanish; a deleted one stays with <c>deleted: true</c>).
/// </summary>
public abstract class CouncilObject
{
    public int Id { get; set; }
    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }
    public bool Deleted { get; set; }

    /// <summary>Sets both timestamps of a new object.</summary>
    public void Stamp(DateTime now)
    {
        Created = now;
        Modified = now;
    }
}
