namespace GridAid.Functions.Access;

/// <summary>Who may call an HTTP function: declared on every one with <see cref="CallableByAttribute"/>.</summary>
public enum Callers
{
    /// <summary>Anyone, signed in or not: a tourist's phone, a QR scanner, a health probe.</summary>
    Anyone,

    /// <summary>Any station of an area, or that area's admin; the function sees the caller's area only.</summary>
    AreaMember,

    /// <summary>Only the station named by the route's station parameter: an admin reads, but does not act in a station's name.</summary>
    RouteStation,

    /// <summary>The station named by the route's station parameter, or its area's admin.</summary>
    RouteStationOrAdmin,

    /// <summary>The area's admin.</summary>
    AreaAdmin,
}
